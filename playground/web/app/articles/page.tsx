import { ArticleCard } from '../../components/cards';
import { PageSnapshot } from '../../components/PageSnapshot';
import { visitorPage } from '../../lib/server';
import type { Article } from '../../lib/types';

export default async function Articles() {
  const page = await visitorPage();
  const articles = await page.list<Article>('Guide', 'articles', { sort: 'title:asc' });
  return (
    <>
      <header className="page-header">
        <h1>Guides</h1>
        <p>Plain answers to the questions people ask before they choose a cover.</p>
      </header>
      <div className="grid three">
        {articles.map((item) => (
          <ArticleCard key={item.decision.baseDocumentId} item={item} />
        ))}
      </div>
      <PageSnapshot snapshot={page.snapshot()} />
    </>
  );
}
