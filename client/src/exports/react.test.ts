import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { createPersonalize } from './client';
import { Personalized, PersonalizeProvider, usePersonalize } from './react';

/** Server rendering, in node: the markup carries the server's answer and nothing is fetched. */
const fetch = jest.fn(async () => new Response('{}'));
const kit = createPersonalize({ url: 'https://cms.example.com', fetch: fetch as unknown as typeof globalThis.fetch });
const item = {
  entry: { documentId: 'variant-1', headline: 'Still comparing? Your car quote is saved' },
  decision: { baseDocumentId: 'base-1', servedDocumentId: 'variant-1', reason: 'SEGMENT', cacheKey: 'v1:variant-1' } as any,
  contentType: 'api::hero-banner.hero-banner',
};
const page = (child: ReturnType<typeof h>) => renderToString(h(PersonalizeProvider, { kit }, child));

test('the HTML carries the variant the server chose, in the wrapper that will be observed', () => {
  const html = page(h(Personalized, { item, as: 'section', className: 'hero', children: (entry: any) => h('h1', null, entry.headline) }));
  expect(html).toBe('<section class="hero"><h1>Still comparing? Your car quote is saved</h1></section>');
  expect(fetch).not.toHaveBeenCalled();
});

test('children may be plain elements', () => {
  expect(page(h(Personalized, { item }, h('p', null, 'hello')))).toBe('<div><p>hello</p></div>');
});

test('fetching happens in the browser only: the server renders the fallback', () => {
  const html = page(h(Personalized, { type: 'hero-banners', documentId: 'base-1', fallback: h('p', null, 'Insurance that keeps up with your life'), children: () => h('h1') }));
  expect(html).toBe('<div><p>Insurance that keeps up with your life</p></div>');
  expect(fetch).not.toHaveBeenCalled();
});

test('a provider makes its kit from options', () => {
  function Step() {
    return h('span', null, usePersonalize().stage().journeyStep);
  }
  expect(renderToString(h(PersonalizeProvider, { options: { url: 'https://cms.example.com' } }, h(Step)))).toBe('<span>discovery</span>');
});

test('without a provider the hooks say what is missing', () => {
  jest.spyOn(console, 'error').mockImplementation(() => {});
  expect(() => renderToString(h(Personalized, { item }, 'x'))).toThrow('wrap the app in <PersonalizeProvider>');
});
