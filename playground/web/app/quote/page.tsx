import Link from 'next/link';
import { PageSnapshot } from '../../components/PageSnapshot';
import { QuoteForm } from '../../components/QuoteForm';
import { visitorPage } from '../../lib/server';
import { PRODUCT_LABEL, PRODUCTS, type Product } from '../../lib/site';
import type { Offer } from '../../lib/types';

/** A quote: opening the form starts a conversion (journey step), sending it is one (goal `quote`). */
export default async function Quote({ searchParams }: { searchParams: Promise<{ product?: string; offer?: string }> }) {
  const { product, offer } = await searchParams;
  const page = await visitorPage();
  const chosen = PRODUCTS.includes(product as Product) ? (product as Product) : null;
  const item = offer
    ? await page.get<Offer>('Quoted offer', 'offers', offer)
    : chosen
      ? (await page.list<Offer>('Quoted offer', 'offers', { filters: { product: { $eq: chosen } }, pagination: { pageSize: 1 } }))[0]
      : null;
  return (
    <>
      <header className="page-header">
        <h1>Get a quote</h1>
        <p>Two minutes, no phone call unless you ask for one.</p>
      </header>
      {item ? (
        <QuoteForm item={item} />
      ) : (
        <div className="grid four" data-testid="quote-products">
          {PRODUCTS.map((p) => (
            <Link key={p} className="card product-choice" href={`/quote?product=${p}`}>
              <h3>{PRODUCT_LABEL[p]} insurance</h3>
              <p>Quote my {p}</p>
            </Link>
          ))}
        </div>
      )}
      <PageSnapshot snapshot={page.snapshot()} />
    </>
  );
}
