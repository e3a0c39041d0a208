import { HERO_BANNERS, TRAVEL_OFFER } from '../../playground/src/seed/data';
import { ADMIN } from '../integration/harness';
import { openAdmin, type AdminSession } from './harness';

/**
 * The admin as editors and content leads use it, in Debian's Chromium against `strapi start`
 * with the seeded demo. Each step saves a screenshot under tests/artifacts/screenshots.
 */
let admin: AdminSession;
beforeAll(async () => {
  admin = await openAdmin();
}, 300_000);
afterAll(async () => {
  await admin?.stop();
});

const BANNER = HERO_BANNERS.uid;
const HOME = HERO_BANNERS.entries[0];
const GUIDE = HOME.variants![0];

const documentIdOf = async (headline: string) => {
  const res = await admin.gql(`query($h: String) { heroBanners(filters: { headline: { eq: $h } }) { documentId } }`, { h: headline });
  return res.data.heroBanners[0].documentId as string;
};
const editView = (documentId: string) => `${admin.server.url}/admin/content-manager/collection-types/${BANNER}/${documentId}`;
let adminToken: Promise<string> | undefined;
/** The plugin's admin API as the super admin (signed in once): GET, or POST with a body. */
const adminApi = async (path: string, body?: unknown) => {
  const url = admin.server.url;
  adminToken ??= fetch(`${url}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) })
    .then((res) => res.json())
    .then((json) => json.data.token as string);
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${await adminToken}` };
  const res = await fetch(`${url}${path}`, body === undefined ? { headers } : { method: 'POST', headers, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return (await res.json()).data;
};

describe('editors', () => {
  it('see a base entry’s variants in the side panel and create a new one, which then opens', async () => {
    const { page } = admin;
    const home = await documentIdOf(HOME.data.headline as string);
    await page.goto(editView(home));
    await page.getByText(GUIDE.data.headline as string).first().waitFor();
    expect(await page.getByTestId('variant-item').count()).toBe(HOME.variants!.filter((v) => !v.draft).length);
    await admin.shot('01-variants-panel');

    await page.getByRole('combobox', { name: 'Stage', exact: true }).click();
    await page.getByRole('option', { name: 'Help', exact: true }).click();
    await page.getByRole('button', { name: 'Create variant' }).click();
    await page.waitForURL((url) => url.pathname.includes(BANNER) && !url.pathname.endsWith(home));
    await page.getByText(/Variant of/).first().waitFor();
    await admin.shot('02-new-variant-opened');
    const created = page.url().split('/').pop()!.split('?')[0];
    // Drafts of personalized types are read with an API token (previews), not by the public role.
    const res = await admin.gql(
      `query($id: ID!) { heroBanner(documentId: $id, status: DRAFT) { targetStage variantOf { documentId } } }`,
      { id: created },
      await admin.fullAccess()
    );
    // The new draft copies the base, targets the stage chosen, and points back at its base.
    expect(res.data.heroBanner).toEqual({ targetStage: 'help', variantOf: { documentId: home } });
  });

  it('open a draft variant on the site: a new tab with a preview link that only its holder is served with', async () => {
    const { page } = admin;
    const home = await documentIdOf(HOME.data.headline as string);
    const draft = (await adminApi('/personalize/variants', { contentType: BANNER, baseDocumentId: home, segments: [], stage: 'reward' })).documentId;
    // No site runs here: the new tab's request is answered by the test.
    await page.context().route(/\/api\/preview\?/, (route) => route.fulfill({ contentType: 'text/html', body: '<h1>The site</h1>' }));
    await page.goto(editView(draft));
    const panel = page.getByTestId('open-on-site');
    await panel.waitFor();
    await admin.shot('11-open-on-site');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), panel.getByRole('button', { name: 'Open on the site' }).click()]);
    await tab.waitForURL(/\/api\/preview\?/);
    const link = new URL(tab.url());
    expect(link.searchParams.get('path')).toBe('/');
    await tab.close();

    const read = async (headers: Record<string, string> = {}) =>
      (await (await fetch(`${admin.server.url}/api/personalize/content/hero-banners/${home}`, { headers })).json()).data.decision;
    expect(await read({ 'X-Personalize-Preview': link.searchParams.get('token')! })).toMatchObject({ servedDocumentId: draft, reason: 'PREVIEW' });
    expect((await read()).servedDocumentId).not.toBe(draft);
  });

  it('tell bases and variants apart in the list view', async () => {
    const { page } = admin;
    await page.goto(`${admin.server.url}/admin/content-manager/collection-types/${BANNER}`);
    await page.locator('[data-testid="personalize-role"][data-role="variant"]').first().waitFor();
    expect(await page.locator('[data-testid="personalize-role"][data-role="base"]').count()).toBeGreaterThan(0);
    await admin.shot('03-list-view-roles');
  });
});

describe('content leads', () => {
  it('see the coverage matrix with the demo data, and the entries behind a gap', async () => {
    const { page } = admin;
    await page.goto(`${admin.server.url}/admin/plugins/personalize`);
    const cell = page.getByTestId('coverage-cell-customer-help');
    await cell.waitFor();
    await admin.shot('04-coverage-matrix');
    await cell.click();
    await page.getByTestId('gap-entry').first().waitFor();
    expect(await page.getByTestId('gap-entry').count()).toBeGreaterThan(0);
    await admin.shot('05-gap-entries');
    await page.keyboard.press('Escape');
  });

  it('preview as a segment and stage, and see the variant the API serves', async () => {
    const { page } = admin;
    await page.goto(`${admin.server.url}/admin/plugins/personalize?tab=preview`);
    await page.getByRole('button', { name: 'Preview', exact: true }).waitFor();
    await page.getByRole('combobox', { name: 'Content type' }).click();
    await page.getByRole('option', { name: 'Hero banner' }).click();
    await page.getByRole('combobox', { name: 'Segments' }).click();
    await page.getByRole('option', { name: 'Anonymous' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Stage', exact: true }).click();
    await page.getByRole('option', { name: /orient/i }).first().click();
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const row = page.getByTestId('preview-row').filter({ hasText: HOME.data.headline as string });
    await row.waitFor();
    expect(await row.textContent()).toContain(GUIDE.data.headline as string);
    expect(await row.getAttribute('data-reason')).toBe('SEGMENT_AND_STAGE');
    await admin.shot('06-preview-as');
  });

  it('switch an entry off, and the API serves its base', async () => {
    const { page } = admin;
    const home = await documentIdOf(HOME.data.headline as string);
    const query = `query($id: ID!) { personalizedHeroBanner(documentId: $id, context: { segments: ["anonymous"], stage: orient }) { decision { reason servedDocumentId } } }`;
    expect((await admin.gql(query, { id: home })).data.personalizedHeroBanner.decision.reason).toBe('SEGMENT_AND_STAGE');
    await page.goto(editView(home));
    const toggle = page.getByRole('checkbox', { name: /Personalization for this entry/i });
    await toggle.waitFor();
    await toggle.click();
    await page.getByText(/paused|off/i).first().waitFor();
    await admin.shot('07-entry-switched-off');
    // Settings are cached for up to 5 s on the serving instance: poll within that bound.
    let decision: any;
    for (let i = 0; i < 30; i++) {
      decision = (await admin.gql(query, { id: home })).data.personalizedHeroBanner.decision;
      if (decision.reason === 'DISABLED') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(decision).toEqual({ reason: 'DISABLED', servedDocumentId: home });
  });
});

describe('publish reaches the site', () => {
  it("choose on the Settings tab which of Strapi's webhooks receive the plugin's events", async () => {
    const { page } = admin;
    // `strapi start` runs in production, where Strapi refuses local webhook URLs: a documentation address, never called.
    await adminApi('/admin/webhooks', { name: 'Demo site', url: 'http://192.0.2.1:8080/revalidate', headers: {}, events: ['entry.publish'] });
    await page.goto(`${admin.server.url}/admin/plugins/personalize?tab=settings`);
    const webhook = page.locator('[data-testid="plugin-webhook"][data-webhook="Demo site"]');
    await webhook.getByRole('checkbox', { name: 'Entries published, unpublished or deleted' }).click();
    await page.getByText('Webhook Demo site saved').waitFor();
    await webhook.scrollIntoViewIfNeeded();
    await admin.shot('12-settings-webhooks');
    const events = async () => (await adminApi('/personalize/webhooks')).webhooks.find((w: any) => w.name === 'Demo site').events;
    expect(await events()).toEqual(['personalize.content.changed']);
    // And off again, so that nothing is ever sent to it.
    await Promise.all([
      page.waitForResponse((res) => res.url().includes('/personalize/webhooks/') && res.request().method() === 'PUT'),
      webhook.getByRole('checkbox', { name: 'Entries published, unpublished or deleted' }).click(),
    ]);
    expect(await events()).toEqual([]);
  });
});

describe('analytics', () => {
  it('show the demo experiment (the travel offer\'s call to action): KPIs per arm against the hold-out, a chart, and the sample-ratio check', async () => {
    const { page } = admin;
    const res = await admin.gql(`query($s: String) { offers(filters: { slug: { eq: $s } }) { documentId } }`, { s: TRAVEL_OFFER.data.slug });
    const travel = res.data.offers[0].documentId as string;
    await page.goto(`${admin.server.url}/admin/plugins/personalize?tab=analytics`);
    await page.getByTestId('analytics-entry-row').filter({ hasText: TRAVEL_OFFER.data.title as string }).first().click();
    await page.getByTestId('analytics-chart').waitFor();
    const rows = page.getByTestId('kpi-row');
    await rows.first().waitFor();
    expect((await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-key')))).sort()).toEqual(['base', 'holdout', 'price']);
    expect(await page.getByTestId('srm-status').getAttribute('data-mismatch')).toBe('false');
    expect(page.url()).toContain(travel);
    // The demo is a fixed split: each arm's sequential verdict beside its interval.
    const verdicts = await page.getByTestId('sequential-verdict').evaluateAll((els) => els.map((el) => el.getAttribute('data-verdict')));
    expect(verdicts.length).toBe(2);
    for (const verdict of verdicts) expect(['winner', 'loser', 'keep-going']).toContain(verdict);
    await page.getByTestId('sequential-verdict').first().scrollIntoViewIfNeeded();
    await admin.shot('08-analytics-entry');
  });

  it('show a bandit\'s allocation over time, and the alert that it found a winner', async () => {
    const { page } = admin;
    const url = admin.server.url;
    const base = await documentIdOf(HERO_BANNERS.entries[1].data.headline as string);
    const call = adminApi;
    const variant = (await call(`/personalize/variants?contentType=${BANNER}&documentId=${base}`)).variants.find((v: any) => v.status !== 'draft').documentId;
    const bandit = await call('/personalize/experiments', {
      name: 'Car hero bandit',
      key: 'car-hero-bandit',
      contentType: BANNER,
      baseDocumentId: base,
      arms: [
        { name: 'base', documentId: null, weight: 1 },
        { name: 'young', documentId: variant, weight: 1 },
      ],
      optimize: { metric: 'clicks' },
    });
    // 1,200 impressions an arm: 3% of clicks on the base, 8% on the variant.
    const events = [
      ...Array.from({ length: 1200 }, (_, i) => ({ type: 'impression', arm: 'base', servedDocumentId: base, click: i < 36 })),
      ...Array.from({ length: 1200 }, (_, i) => ({ type: 'impression', arm: 'young', servedDocumentId: variant, click: i < 96 })),
    ].flatMap(({ click, ...event }, i) => [event, ...(click ? [{ ...event, type: 'click' }] : [])].map((e, j) => ({ ...e, id: `bandit-${i}-${j}`, contentType: BANNER, baseDocumentId: base })));
    for (let i = 0; i < events.length; i += 200) {
      const res = await fetch(`${url}/api/personalize/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ consent: true, events: events.slice(i, i + 200) }) });
      expect(res.status).toBe(200);
    }
    await call(`/personalize/experiments/${bandit.documentId}/allocate`, {});
    await call(`/personalize/experiments/${bandit.documentId}/pin`, { arm: 'base', share: 0.5 });

    await page.goto(`${url}/admin/plugins/personalize?tab=analytics&contentType=${encodeURIComponent(BANNER)}&documentId=${base}`);
    await page.getByTestId('allocation-chart').waitFor();
    expect(await page.getByTestId('allocation-row').count()).toBe(2);
    expect(await page.getByTestId('allocation-row').first().textContent()).toContain('Pinned');
    expect(await page.getByTestId('experiment-kind').first().textContent()).toBe('Bandit on clicks');
    await page.getByTestId('allocation-chart').scrollIntoViewIfNeeded();
    await admin.shot('09-bandit-allocations');

    await page.goto(`${url}/admin/plugins/personalize?tab=alerts`);
    await page.getByRole('button', { name: 'Check now' }).click();
    const alert = page.locator('[data-testid="alert"][data-kind="bandit-winner"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Bandit "Car hero bandit" found a winner: arm "young"');
    await admin.shot('10-alerts');
  });
});
