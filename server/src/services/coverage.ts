import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  coverageReport,
  entriesLacking,
  watchList,
  type CoverageBase,
  type CoverageSegment,
  type WatchListFamily,
} from '../../../plugin/coverage';
import type { Stage } from '../../../plugin/stages';
import type { OptedInType } from '../../../shared/contracts/admin';
import { FIELDS, SEGMENT_UID } from '../fields';
import { findAllByPages } from '../pages';
import { getService } from '../utils/get-service';

const { ValidationError } = errors;
type Row = { id: number; documentId: string; locale?: string | null; publishedAt?: unknown; [key: string]: any };

/**
 * What content leads read on the Personalization page: the coverage matrix of a type, the
 * entries behind a gap, and the watch-list. Read from the database (drafts included), then
 * handed to the engine's pure functions.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const contentTypes = () => getService(strapi, 'content-types');
  const optedIn = () => contentTypes().optedInUids();
  const schema = (uid: string) => contentTypes().schema(uid);
  const hasDraftAndPublish = (uid: string) => contentTypes().hasDraftAndPublish(uid);
  const isLocalized = (uid: string) => contentTypes().isLocalized(uid);
  const mainField = (uid: string) => contentTypes().mainField(uid);
  const assertOptedIn = (uid: unknown) => contentTypes().assertOptedIn(uid);
  const localeOf = (uid: string, locale: unknown) => contentTypes().localeOf(uid, locale);

  /** Every row of a type (all versions; one locale when given), with targeting and title. */
  const rowsOf = async (uid: string, locale: string | null) => {
    const title = await mainField(uid);
    const rows = (await findAllByPages(strapi, uid, {
      where: locale && isLocalized(uid) ? { locale } : {},
      select: ['id', 'documentId', 'locale', 'publishedAt', 'updatedAt', FIELDS.stage, ...(title === 'documentId' ? [] : [title])],
      populate: { [FIELDS.variantOf]: { select: ['documentId'] }, [FIELDS.segments]: { select: ['slug'] } },
    })) as Row[];
    const published = (row: Row) => row.publishedAt != null || !hasDraftAndPublish(uid);
    return { rows, title: (row: Row) => String(row[title] ?? row.documentId), published };
  };

  /** Bases (one locale) with every version of their variants, for the matrix. */
  const coverageBases = async (uid: string, locale: string | null): Promise<CoverageBase[]> => {
    const { rows, title, published } = await rowsOf(uid, locale);
    const bases = new Map<string, CoverageBase>();
    const hasRow = new Set<string>();
    const baseOf = (documentId: string) => {
      if (!bases.has(documentId)) bases.set(documentId, { documentId, title: documentId, published: false, variants: [] });
      return bases.get(documentId)!;
    };
    for (const row of rows) {
      const base = row[FIELDS.variantOf]?.documentId as string | undefined;
      if (base) {
        baseOf(base).variants.push({
          documentId: row.documentId,
          segments: (row[FIELDS.segments] ?? []).map((s: { slug: string }) => s.slug),
          stage: (row[FIELDS.stage] as Stage | null) ?? null,
          published: published(row),
        });
        continue;
      }
      const entry = baseOf(row.documentId);
      // The draft names the entry as editors see it now.
      if (!published(row) || !hasRow.has(row.documentId)) entry.title = title(row);
      hasRow.add(row.documentId);
      entry.published ||= published(row);
    }
    // A variant whose base has no row in this locale has nothing to cover.
    return [...bases.values()].filter((base) => hasRow.has(base.documentId));
  };

  const segments = async (): Promise<Array<CoverageSegment & { name: string }>> => {
    const rows = await strapi.db.query(SEGMENT_UID).findMany({ select: ['slug', 'name', 'priority', 'estimatedReach'] });
    // A segment's measured share of impressions outranks the editors' estimate; a segment never
    // measured (no event named it yet) keeps its estimate.
    const measured: Map<string, number> = await getService(strapi, 'analytics').segmentReach();
    return rows.map((row: any) => {
      const share = measured.get(row.slug);
      if (share !== undefined) return { slug: row.slug, name: row.name, priority: row.priority ?? 0, reach: share, reachSource: 'impressions' };
      const reach = row.estimatedReach == null ? null : Number(row.estimatedReach);
      return { slug: row.slug, name: row.name, priority: row.priority ?? 0, reach, reachSource: reach === null ? null : 'estimate' };
    });
  };

  return {
    async contentTypes(): Promise<OptedInType[]> {
      return Promise.all(
        optedIn().map(async (uid) => ({
          uid,
          displayName: schema(uid).info.displayName,
          kind: schema(uid).kind,
          mainField: await mainField(uid),
          localized: isLocalized(uid),
          draftAndPublish: hasDraftAndPublish(uid),
        }))
      );
    },

    async report(contentType: unknown, locale: unknown) {
      const uid = assertOptedIn(contentType);
      return coverageReport(uid, await coverageBases(uid, await localeOf(uid, locale)), await segments());
    },

    async gaps(contentType: unknown, locale: unknown, segment: unknown, stage: Stage) {
      const uid = assertOptedIn(contentType);
      const known = await segments();
      if (segment !== '' && !known.some((s) => s.slug === segment)) {
        throw new ValidationError(`segment: no segment "${String(segment)}" (use "" for the any-segment row)`);
      }
      return entriesLacking(await coverageBases(uid, await localeOf(uid, locale)), segment as string, stage);
    },

    /** Across every opted-in type and locale; targeting as editors last saved it (the drafts). */
    async watchList() {
      const families: WatchListFamily[] = [];
      for (const uid of optedIn()) {
        const { rows, title, published } = await rowsOf(uid, null);
        const byBase = new Map<string, WatchListFamily>();
        const key = (documentId: string, locale: unknown) => `${documentId}|${locale ?? ''}`;
        const label = (row: Row) => (row.locale && isLocalized(uid) ? `${title(row)} (${row.locale})` : title(row));
        // Each document and locale as editors last saved it (its draft when it has one), and
        // whether it has a published version.
        const shown = new Map<string, Row>();
        const live = new Set<string>();
        for (const row of rows) {
          const k = key(row.documentId, row.locale);
          if (published(row)) live.add(k);
          if (!shown.has(k) || !published(row)) shown.set(k, row);
        }
        const isLive = (row: Row) => live.has(key(row.documentId, row.locale));
        for (const row of shown.values()) {
          if (row[FIELDS.variantOf]) continue;
          byBase.set(key(row.documentId, row.locale), {
            contentType: uid,
            base: { documentId: row.documentId, title: label(row), published: isLive(row) },
            variants: [],
          });
        }
        for (const row of shown.values()) {
          const base = row[FIELDS.variantOf]?.documentId;
          if (!base) continue;
          byBase.get(key(base, row.locale))?.variants.push({
            documentId: row.documentId,
            title: label(row),
            published: isLive(row),
            segments: (row[FIELDS.segments] ?? []).map((s: { slug: string }) => s.slug),
            stage: row[FIELDS.stage] ?? null,
          });
        }
        families.push(...byBase.values());
      }
      const catalog = await getService(strapi, 'segment-catalog').get();
      return watchList(families, await segments(), catalog);
    },
  };
};
