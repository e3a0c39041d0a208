import { ArticleCard, HeroBanner, OfferCard, TestimonialCard } from '../components/cards';
import { PageSnapshot } from '../components/PageSnapshot';
import { visitorPage } from '../lib/server';
import type { Article, Hero, Homepage, Offer, Testimonial } from '../lib/types';

/** Home: the hero, the welcome, the offers, the latest guides and what customers say, each chosen for the visitor. */
export default async function Home() {
  const page = await visitorPage();
  const [[hero], welcome, offers, articles, testimonials] = await Promise.all([
    page.list<Hero>('Home hero', 'hero-banners', { filters: { placement: { $eq: 'home' } } }),
    page.single<Homepage>('Welcome', 'homepage'),
    page.list<Offer>('Offer', 'offers', { sort: 'monthlyPrice:asc' }),
    page.list<Article>('Guide', 'articles', { sort: ['publishedAt:desc', 'title:asc'], pagination: { pageSize: 3 } }),
    page.list<Testimonial>('Review', 'testimonials', { pagination: { pageSize: 3 } }),
  ]);
  return (
    <>
      {hero && <HeroBanner item={hero} />}
      <section className="welcome" data-testid="welcome">
        <h2>{welcome.entry.title}</h2>
        <p>{welcome.entry.intro}</p>
      </section>
      <section>
        <h2 className="section-title">Our covers</h2>
        <div className="grid four">
          {offers.map((item) => (
            <OfferCard key={item.decision.baseDocumentId} item={item} />
          ))}
        </div>
      </section>
      <section>
        <h2 className="section-title">Latest guides</h2>
        <div className="grid three">
          {articles.map((item) => (
            <ArticleCard key={item.decision.baseDocumentId} item={item} />
          ))}
        </div>
      </section>
      <section id="reviews">
        <h2 className="section-title">What customers say</h2>
        <div className="grid three">
          {testimonials.map((item) => (
            <TestimonialCard key={item.decision.baseDocumentId} item={item} />
          ))}
        </div>
      </section>
      <PageSnapshot snapshot={page.snapshot()} />
    </>
  );
}
