import { HERO_BANNERS } from '../../playground/src/seed/data';
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

describe('analytics', () => {
  it('show the demo experiment: KPIs per arm against the hold-out, a chart, and the sample-ratio check', async () => {
    const { page } = admin;
    const home = await documentIdOf(HOME.data.headline as string);
    await page.goto(`${admin.server.url}/admin/plugins/personalize?tab=analytics`);
    await page.getByTestId('analytics-entry-row').filter({ hasText: HOME.data.headline as string }).first().click();
    await page.getByTestId('analytics-chart').waitFor();
    const rows = page.getByTestId('kpi-row');
    await rows.first().waitFor();
    expect((await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-key')))).sort()).toEqual(['base', 'guide', 'holdout']);
    expect(await page.getByTestId('srm-status').getAttribute('data-mismatch')).toBe('false');
    expect(page.url()).toContain(home);
    await admin.shot('08-analytics-entry');
  });
});
