/**
 * `strapi-plugin-personalize/react`: a provider, `usePersonalized` and `<Personalized>`, which
 * tracks its own impression and clicks. React is a peer (18 or 19). Server-rendered HTML carries
 * the chosen variant when the server's answer is passed in (`item`, or `initial`): hydration then
 * renders that same answer and never asks again, so there is no flicker and no second decision.
 */
import { createContext, createElement, useContext, useEffect, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { createPersonalize, type Entry, type Personalize, type PersonalizeOptions, type Read, type ReadWith, type RelatedItem } from './client';

const KitContext = createContext<Personalize | null>(null);
/** One kit per page in a browser (StrictMode and remounts reuse it); one per render on a server. */
let browserKit: Personalize | undefined;

export interface ProviderProps {
  /** A kit the app made, or the options to make one. */
  kit?: Personalize;
  options?: PersonalizeOptions;
  children?: ReactNode;
}

export function PersonalizeProvider({ kit, options, children }: ProviderProps) {
  const [value] = useState(() => {
    if (kit) return kit;
    if (!options) throw new Error('<PersonalizeProvider> needs `kit` or `options`');
    return typeof document == 'object' ? (browserKit ??= createPersonalize(options)) : createPersonalize(options);
  });
  return createElement(KitContext.Provider, { value }, children);
}

/** The kit of the nearest `<PersonalizeProvider>`. */
export function usePersonalize(): Personalize {
  const kit = useContext(KitContext);
  if (!kit) throw new Error('usePersonalize: wrap the app in <PersonalizeProvider>');
  return kit;
}

export interface PersonalizedState<E extends Entry> {
  item: Read<E> | null;
  error: unknown;
  loading: boolean;
}

/**
 * One personalized entry (`documentId` null: a single type). With `initial` (the server's answer)
 * the first render uses it and nothing is fetched until `type`, `documentId` or the options change.
 * `type` null: nothing is fetched.
 */
export function usePersonalized<E extends Entry = Entry>(
  type: string | null,
  documentId: string | null,
  { initial, ...options }: ReadWith & { initial?: Read<E> | null } = {}
): PersonalizedState<E> {
  const kit = usePersonalize();
  const [state, setState] = useState<{ item: Read<E> | null; error: unknown }>({ item: initial ?? null, error: null });
  const fromServer = useRef(!!initial);
  const key = JSON.stringify([type, documentId, options]);
  useEffect(() => {
    if (fromServer.current || type === null) return void (fromServer.current = false);
    let live = true;
    (documentId === null ? kit.single<E>(type, options) : kit.get<E>(type, documentId, options)).then(
      (item) => live && setState({ item, error: null }),
      (error) => live && setState({ item: null, error })
    );
    return () => {
      live = false;
    };
  }, [kit, key]);
  return { ...state, loading: type !== null && !state.item && !state.error };
}

export type PersonalizedProps<E extends Entry> = Omit<HTMLAttributes<HTMLElement>, 'children'> & {
  /** What the server served (a personalized entry or a related item); or give `type` to fetch it here. */
  item?: Read<E> | RelatedItem<E> | null;
  type?: string;
  documentId?: string | null;
  options?: ReadWith;
  /** Shown while fetching, or when nothing could be read. */
  fallback?: ReactNode;
  /** The element that wraps the content and is observed; a `div` by default. */
  as?: string;
  children?: ReactNode | ((entry: E, item: Read<E> | RelatedItem<E>) => ReactNode);
};

/**
 * Shows a personalized entry and reports it: an impression once it has been half visible for a
 * second, a click when a link or button inside is clicked.
 */
export function Personalized<E extends Entry = Entry>({ item, type, documentId = null, options, fallback = null, as = 'div', children, onClickCapture, ...props }: PersonalizedProps<E>) {
  const kit = usePersonalize();
  const fetched = usePersonalized<E>(item === undefined ? (type ?? null) : null, documentId, options);
  const shown = item ?? fetched.item;
  const ref = useRef<HTMLElement>(null);
  const served = shown?.decision.cacheKey;
  useEffect(() => (shown && ref.current ? kit.observe(ref.current, shown) : undefined), [kit, served]);
  const content = shown ? (typeof children == 'function' ? children(shown.entry as E, shown) : children) : fallback;
  return createElement(
    as,
    {
      ...props,
      ref,
      onClickCapture(event: Parameters<NonNullable<typeof onClickCapture>>[0]) {
        onClickCapture?.(event);
        if (shown && (event.target as Element | null)?.closest?.('a,button')) kit.click(shown);
      },
    },
    content
  );
}
