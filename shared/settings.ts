/** Request and response types shared by the server and the admin. */
export interface PersonalizationSettings {
  /** The one-click switch: false serves every base entry as it is. */
  enabled: boolean;
  /** Opted-in content types whose entries are served as they are. */
  disabledContentTypes: string[];
  /** Base entries (documentIds) paused one by one: they are served as they are. */
  pausedEntries: string[];
}
