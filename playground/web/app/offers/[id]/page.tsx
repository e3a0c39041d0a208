import { OfferCard, RelatedList } from '../../../components/cards';
import { PageSnapshot } from '../../../components/PageSnapshot';
import { visitorPage } from '../../../lib/server';
import type { Offer } from '../../../lib/types';

export default async function OfferPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const page = await visitorPage();
  const [item, related] = await Promise.all([
    page.get<Offer>('Offer', 'offers', id),
    page.related('Read next', { documentId: id, limit: 3, types: ['api::article.article', 'api::offer.offer'] }),
  ]);
  return (
    <div className="reading">
      <div className="offer-detail">
        <OfferCard item={item} compare />
      </div>
      <RelatedList items={related} />
      <PageSnapshot snapshot={page.snapshot()} />
    </div>
  );
}
