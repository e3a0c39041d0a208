/** Request and response types shared by the server and the admin. */
import type { JourneyStep, Stage } from '../../plugin/stages';

export interface PersonalizationSettings {
  /** The one-click switch: false serves every base entry as it is. */
  enabled: boolean;
  /** Opted-in content types whose entries are served as they are. */
  disabledContentTypes: string[];
  /** Base entries (documentIds) paused one by one: they are served as they are. */
  pausedEntries: string[];
  /** The stage each journey step stands for; starts as the plugin config's `stageForStep`. */
  stageForStep: Record<JourneyStep, Stage>;
}
