'use client';
/**
 * The quote form for one offer, as served to the visitor. Opening it is the journey's `start`
 * (stage reassure); sending it is a conversion of goal `quote` on that offer, for the analytics.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Read } from 'strapi-plugin-personalize/client';
import { Personalized, usePersonalize } from 'strapi-plugin-personalize/react';
import type { Offer } from '../lib/types';

export function QuoteForm({ item }: { item: Read<Offer> }) {
  const kit = usePersonalize();
  const [quoted, setQuoted] = useState<number | null>(null);
  const offer = item.entry;
  useEffect(() => kit.track('start', { tags: offer.product ? [offer.product] : [] }), [kit, offer.product]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const age = Number(new FormData(event.currentTarget).get('age'));
    kit.convert('quote', item);
    kit.flush();
    // A stand-in for a pricing engine: younger drivers pay more.
    const base = offer.monthlyPrice ?? 20;
    setQuoted(Math.round(base * (age && age < 26 ? 1.4 : 1) * 100) / 100);
  };

  return (
    <Personalized item={item} as="section" className="quote" data-testid="quote">
      <div className="quote-offer">
        <div className="card-kicker">{offer.product} insurance</div>
        <h2>{offer.title}</h2>
        <p>{offer.description}</p>
      </div>
      {quoted === null ? (
        <form onSubmit={submit} className="quote-form">
          <label>
            Your name
            <input name="name" autoComplete="name" required defaultValue="Alex Martin" />
          </label>
          <label>
            Your age
            <input name="age" type="number" min={17} max={99} required defaultValue={34} />
          </label>
          <label>
            Postcode
            <input name="postcode" required defaultValue="LS1 4AP" />
          </label>
          <button className="button large" type="submit" data-testid="quote-submit">
            See my price
          </button>
          <p className="muted small">Nothing you type here leaves this page: it is a demo.</p>
        </form>
      ) : (
        <div className="quote-result" data-testid="quote-result">
          <p>Your price</p>
          <p className="price">
            £{quoted.toFixed(2)}
            <span> a month</span>
          </p>
          <p>Held for 30 days. We have noted your quote (goal “quote”): open the inspector to see the stage it gives you.</p>
        </div>
      )}
    </Personalized>
  );
}
