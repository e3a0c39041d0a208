'use client';
/**
 * Asks once per page load until the visitor answers. Accept: the kit keeps a profile in one
 * first-party cookie and sends events. Refuse: nothing is written and nothing is sent; the site
 * still adapts this page to what it shows (campaign, referrer), and asks again next time, since it
 * remembers nothing.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { usePersonalize } from 'strapi-plugin-personalize/react';

export function ConsentBanner() {
  const kit = usePersonalize();
  const router = useRouter();
  const [answered, setAnswered] = useState(false);
  if (answered) return null;
  const answer = (granted: boolean) => {
    kit.consent(granted);
    setAnswered(true);
    // The server renders again with (or without) the profile.
    if (granted) router.refresh();
  };
  return (
    <div className="consent" role="dialog" aria-label="Cookies" data-testid="consent">
      <p>
        <strong>One cookie, to show you cover that fits.</strong> It remembers what you read here (no advertising, no third parties)
        so that the site can adapt. You can refuse: the site then remembers nothing.
      </p>
      <div className="consent-actions">
        <button className="button secondary" onClick={() => answer(false)} data-testid="consent-refuse">
          Refuse
        </button>
        <button className="button" onClick={() => answer(true)} data-testid="consent-accept">
          Accept
        </button>
      </div>
    </div>
  );
}
