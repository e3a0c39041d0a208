'use client';
/** Hands this page's snapshot (rendered on the server) to the inspector in the layout. */
import { useEffect } from 'react';
import type { PageSnapshot as Snapshot } from '../lib/inspect';
import { useInspector } from './Providers';

export function PageSnapshot({ snapshot }: { snapshot: Snapshot }) {
  const { setSnapshot } = useInspector();
  useEffect(() => setSnapshot(snapshot), [snapshot, setSnapshot]);
  return null;
}
