'use client';
/**
 * The browser half: the kit (one per page load, from the provider) and what the inspector shows,
 * kept in the layout so that both outlive client-side navigations.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { PersonalizeProvider } from 'strapi-plugin-personalize/react';
import type { PageSnapshot } from '../lib/inspect';
import { kitOptions } from '../lib/site';

/** An event as the kit sent it to Strapi (the inspector lists them). */
export interface SentEvent {
  type: string;
  goal?: string;
  servedDocumentId: string;
  segment: string | null;
  stage: string | null;
}

interface InspectorState {
  snapshot: PageSnapshot | null;
  setSnapshot: (snapshot: PageSnapshot) => void;
  sent: SentEvent[];
}

const Inspector = createContext<InspectorState>({ snapshot: null, setSnapshot: () => {}, sent: [] });
export const useInspector = () => useContext(Inspector);

/**
 * In a preview the kit works on a profile of this page only (a store that keeps nothing): the
 * editor's own profile is left alone, and without consent it sends no event, so a preview never
 * counts in the analytics.
 */
const PREVIEW_STORE = { read: () => null };

export function Providers({ strapiUrl, preview, children }: { strapiUrl: string; preview: boolean; children: ReactNode }) {
  const [snapshot, setSnapshot] = useState<PageSnapshot | null>(null);
  const [sent, setSent] = useState<SentEvent[]>([]);
  // The kit's fetch, watched: what goes to the events endpoint is listed in the inspector.
  const [options] = useState(() => ({
    ...kitOptions(strapiUrl),
    ...(preview ? { store: PREVIEW_STORE } : {}),
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/api/personalize/events') && typeof init?.body == 'string') {
        const events: SentEvent[] = JSON.parse(init.body).events ?? [];
        setSent((before) => [...before, ...events].slice(-50));
      }
      return fetch(input, init);
    },
  }));
  return (
    <PersonalizeProvider options={options}>
      <Inspector.Provider value={{ snapshot, setSnapshot, sent }}>{children}</Inspector.Provider>
    </PersonalizeProvider>
  );
}
