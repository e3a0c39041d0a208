import { Personalized } from 'strapi-plugin-personalize/react';
import { RelatedList } from '../../../components/cards';
import { PageSnapshot } from '../../../components/PageSnapshot';
import { Track } from '../../../components/Track';
import { visitorPage } from '../../../lib/server';
import { tagsOf, type Article } from '../../../lib/types';

/** A guide, the version chosen for the visitor; opening it is a `read` of its tags (3 each). */
export default async function ArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const page = await visitorPage();
  const [item, related] = await Promise.all([
    page.get<Article>('Article', 'articles', id),
    page.related('Read next', { documentId: id, limit: 3, types: ['api::article.article', 'api::offer.offer'] }),
  ]);
  const article = item.entry;
  return (
    <div className="reading">
      <Personalized item={item} as="article" className="article-body" data-testid="article">
        <div className="card-kicker">Guide{article.readingMinutes ? ` · ${article.readingMinutes} min read` : ''}</div>
        <h1>{article.title}</h1>
        <p className="lead">{article.summary}</p>
        {(article.body ?? '').split(/\n{2,}/).map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
        <p className="tags">
          {tagsOf(article).map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </p>
      </Personalized>
      <RelatedList items={related} />
      <Track action="read" tags={tagsOf(article)} />
      <PageSnapshot snapshot={page.snapshot()} />
    </div>
  );
}
