/**
 * What the pages show, rendered on the server with the variant already chosen: each is wrapped in
 * the kit's <Personalized>, which reports its impression (half visible for a second) and clicks.
 */
import Link from 'next/link';
import type { Read, RelatedItem } from 'strapi-plugin-personalize/client';
import { Personalized } from 'strapi-plugin-personalize/react';
import type { Article, Hero, Offer, Testimonial } from '../lib/types';

const price = (value?: number) => (typeof value == 'number' ? `£${value.toFixed(2)}` : '');

export function HeroBanner({ item }: { item: Read<Hero> }) {
  const hero = item.entry;
  return (
    <Personalized item={item} as="section" className="hero" data-testid="hero" data-base={item.decision.baseDocumentId}>
      <div className="hero-text">
        <h1>{hero.headline}</h1>
        {hero.subline && <p>{hero.subline}</p>}
        {hero.ctaUrl && (
          <Link className="button large" href={hero.ctaUrl}>
            {hero.ctaLabel ?? 'Find out more'}
          </Link>
        )}
      </div>
      <HeroArt />
    </Personalized>
  );
}

export function OfferCard({ item, compare = false }: { item: Read<Offer>; compare?: boolean }) {
  const offer = item.entry;
  return (
    <Personalized item={item} as="article" className={`card offer product-${offer.product ?? 'any'}`} data-testid="offer">
      <div className="card-kicker">{offer.product ?? 'Cover'}</div>
      <h3>
        <Link href={`/offers/${item.decision.baseDocumentId}`}>{offer.title}</Link>
      </h3>
      <p>{offer.description}</p>
      <p className="price">
        {price(offer.monthlyPrice)}
        <span> a month</span>
      </p>
      <Link className={compare ? 'button' : 'button secondary'} href={`/quote?product=${offer.product ?? ''}&offer=${item.decision.baseDocumentId}`}>
        {offer.ctaLabel ?? 'Get a quote'}
      </Link>
    </Personalized>
  );
}

export function ArticleCard({ item }: { item: Read<Article> }) {
  const article = item.entry;
  return (
    <Personalized item={item} as="article" className="card article" data-testid="article-card">
      <div className="card-kicker">Guide{article.readingMinutes ? ` · ${article.readingMinutes} min` : ''}</div>
      <h3>
        <Link href={`/articles/${item.decision.baseDocumentId}`}>{article.title}</Link>
      </h3>
      <p>{article.summary}</p>
    </Personalized>
  );
}

export function TestimonialCard({ item }: { item: Read<Testimonial> }) {
  return (
    <Personalized item={item} as="figure" className="card testimonial" data-testid="testimonial">
      <blockquote>“{item.entry.quote}”</blockquote>
      <figcaption>{item.entry.author}</figcaption>
    </Personalized>
  );
}

/** "Read next": related entries of any type, each personalized for the visitor. */
export function RelatedList({ items }: { items: RelatedItem[] }) {
  if (!items.length) return null;
  return (
    <aside className="related" data-testid="related">
      <h2>Read next</h2>
      <div className="related-items">
        {items.map((item) => {
          const entry = item.entry as Record<string, unknown>;
          const isOffer = item.contentType === 'api::offer.offer';
          const href = isOffer ? `/offers/${item.documentId}` : `/articles/${item.documentId}`;
          return (
            <Personalized key={item.documentId} item={item} as="article" className="card related-item">
              <div className="card-kicker">{isOffer ? 'Offer' : 'Guide'} · shares {item.sharedTags.join(', ') || 'your interests'}</div>
              <h3>
                <Link href={href}>{String(entry.title ?? entry.headline ?? '')}</Link>
              </h3>
              <p>{String(entry.summary ?? entry.description ?? '')}</p>
            </Personalized>
          );
        })}
      </div>
    </aside>
  );
}

/** A calm street with a house and a car, drawn inline: no image to download. */
function HeroArt() {
  return (
    <svg className="hero-art" viewBox="0 0 320 220" aria-hidden="true">
      <circle cx="258" cy="52" r="26" fill="#ffd27a" />
      <path d="M0 170 Q80 140 160 160 T320 150 V220 H0Z" fill="#cfe8df" />
      <rect x="52" y="92" width="104" height="78" rx="4" fill="#ffffff" />
      <path d="M40 98 L104 48 L168 98Z" fill="#1f4e79" />
      <rect x="92" y="128" width="24" height="42" rx="2" fill="#2a9d8f" />
      <rect x="64" y="110" width="20" height="18" rx="2" fill="#bcd4ea" />
      <rect x="126" y="110" width="20" height="18" rx="2" fill="#bcd4ea" />
      <rect x="0" y="186" width="320" height="34" fill="#5b6b7c" />
      <path d="M20 203 H60 M100 203 H140 M180 203 H220 M260 203 H300" stroke="#f4f7fa" strokeWidth="3" />
      <path d="M196 168 Q204 146 226 146 H262 Q280 146 290 168 H300 V186 H186 V168Z" fill="#e76f51" />
      <rect x="216" y="152" width="20" height="14" rx="2" fill="#dff1ff" />
      <rect x="242" y="152" width="22" height="14" rx="2" fill="#dff1ff" />
      <circle cx="212" cy="188" r="10" fill="#263445" />
      <circle cx="276" cy="188" r="10" fill="#263445" />
    </svg>
  );
}
