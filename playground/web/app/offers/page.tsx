import { OfferCard } from '../../components/cards';
import { PageSnapshot } from '../../components/PageSnapshot';
import { Track } from '../../components/Track';
import { visitorPage } from '../../lib/server';
import type { Offer } from '../../lib/types';

/** Offers side by side: comparing is a journey step (`compare`), the stage becomes inform. */
export default async function Offers() {
  const page = await visitorPage();
  const offers = await page.list<Offer>('Offer', 'offers', { sort: 'monthlyPrice:asc' });
  return (
    <>
      <header className="page-header">
        <h1>Compare our covers</h1>
        <p>Every policy with its monthly price, what it covers, and a quote in two minutes.</p>
      </header>
      <div className="grid four compare">
        {offers.map((item) => (
          <OfferCard key={item.decision.baseDocumentId} item={item} compare />
        ))}
      </div>
      <Track action="compare" />
      <PageSnapshot snapshot={page.snapshot()} />
    </>
  );
}
