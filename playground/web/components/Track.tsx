'use client';
/** Reports an action of the visitor once this page is shown: `read` an article, `compare` offers, `start` a quote. */
import { useEffect } from 'react';
import { usePersonalize } from 'strapi-plugin-personalize/react';

export function Track({ action, tags }: { action: string; tags?: string[] }) {
  const kit = usePersonalize();
  const key = `${action}:${tags?.join() ?? ''}`;
  useEffect(() => kit.track(action, { tags }), [kit, key]);
  return null;
}
