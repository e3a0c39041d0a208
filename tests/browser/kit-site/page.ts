/**
 * The test page's script (bundled by esbuild for Chromium): the kit and a hydrated React hero,
 * exposed on `window` for the test to drive.
 */
import { hydrateRoot } from 'react-dom/client';
import { createPersonalize, type PersonalizeOptions } from '../../../client/src/exports/client';
import { HERO_ITEM, heroTree } from './hero';

declare global {
  interface Window {
    kit: ReturnType<typeof createPersonalize>;
    startKit(options?: Partial<PersonalizeOptions>): void;
    hydrateHero(): void;
    item(id: string): typeof HERO_ITEM;
  }
}

window.startKit = (options = {}) => {
  window.kit = createPersonalize({ url: location.origin, ...options });
};
/** An item served for a base entry `id`. */
window.item = (id) => ({ ...HERO_ITEM, entry: { ...HERO_ITEM.entry, documentId: `${id}-served` }, decision: { ...HERO_ITEM.decision, baseDocumentId: id, servedDocumentId: `${id}-served` } });
window.hydrateHero = () => {
  window.startKit({ consent: true, events: { delayMs: 100 } });
  hydrateRoot(document.getElementById('root')!, heroTree(window.kit, HERO_ITEM));
};
