import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { readContext } from '../../../plugin/context';
import type { PreviewTokenRequest, PreviewTokenResponse } from '../../../shared/contracts/admin';
import {
  PREVIEW_HEADER,
  PREVIEW_PARAM,
  PREVIEW_SITE_ROUTE,
  type PreviewAudience,
  type PreviewGrant,
} from '../../../shared/contracts/content-api';
import type { PreviewConfig } from '../config';
import { PLUGIN_ID } from '../fields';
import { validationError } from '../utils/errors';
import { getService } from '../utils/get-service';

// A PolicyError is a 403 whose message reaches the caller (Strapi hides a plain ForbiddenError's).
const { PolicyError, ValidationError } = errors;

const SECRET_KEY = 'preview-token-secret';
/** The token's format: `p1.<grant as base64url JSON>.<HMAC-SHA256 of the first two parts, base64url>`. */
const VERSION = 'p1';
/** A token travels in a URL and a header: its audience must stay small. */
export const MAX_TOKEN_CHARS = 4096;
const AUDIENCE_FIELDS = ['segments', 'traits', 'stage', 'journeyStep', 'interests'] as const;
const REQUEST_FIELDS = ['contentType', 'documentId', 'forceEntry', 'audience', 'drafts', 'locale'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const forged = () => new PolicyError('preview: not a valid preview token (altered, or minted by another install)');
/**
 * A 401 whose message reaches REST and GraphQL callers alike: Strapi answers its own
 * UnauthorizedError, thrown past the route's auth, as a bare "Unauthorized". An HttpError (the
 * class Strapi's error handlers recognize) cannot be constructed directly: it is made from its prototype.
 */
const expired = (message: string): Error =>
  Object.assign(Object.create(errors.HttpError.prototype), { name: 'UnauthorizedError', message, status: 401, statusCode: 401, expose: true, stack: new Error(message).stack });

/** Who may preview a type: the admin route's user, asked once per type. */
export type MayPreview = (contentType: string) => boolean;

/**
 * Preview links: a grant (audience, entry, drafts, locale, expiry) signed with a secret generated
 * per install and kept in the plugin store, so that only this plugin can mint one and any instance
 * can check it. The delivery pipeline asks `fromRequest` once per read.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}.preview`) as PreviewConfig;
  let secret: string | null = null;

  /** The install's secret; created at the first mint (re-read after writing: another instance may have won). */
  const readSecret = async (create: boolean): Promise<string | null> => {
    if (secret) return secret;
    let saved = (await store().get({ key: SECRET_KEY })) as string | null;
    if (!saved && create) {
      await store().set({ key: SECRET_KEY, value: crypto.randomBytes(32).toString('hex') });
      saved = (await store().get({ key: SECRET_KEY })) as string | null;
    }
    secret = saved;
    return saved;
  };

  const signature = (key: string, body: string) => crypto.createHmac('sha256', key).update(body).digest('base64url');

  const sign = async (grant: PreviewGrant) => {
    const body = `${VERSION}.${Buffer.from(JSON.stringify(grant)).toString('base64url')}`;
    return `${body}.${signature((await readSecret(true))!, body)}`;
  };

  /** The audience as given, checked as the content API checks a context; only the fields that decide. */
  const readAudience = (value: unknown): PreviewAudience => {
    if (value === undefined || value === null) return {};
    if (!isObject(value)) throw new ValidationError('audience: expected an object (segments, traits, stage, journeyStep, interests)');
    const other = Object.keys(value).find((key) => !(AUDIENCE_FIELDS as readonly string[]).includes(key));
    if (other) throw new ValidationError(`audience.${other.slice(0, 64)}: not part of a preview audience (${AUDIENCE_FIELDS.join(', ')})`);
    const { problems } = readContext(value);
    if (problems.length) throw validationError(problems.map((p) => ({ ...p, field: p.field.replace(/^context/, 'audience') })));
    return Object.fromEntries(AUDIENCE_FIELDS.filter((field) => value[field] != null).map((field) => [field, value[field]]));
  };

  /** The entry's path on the site: the type's template with its base and locale, `/` without one. */
  const pathOf = (contentType: string, documentId: string | null, locale: string | null) => {
    const template = config().paths[contentType];
    if (!template || (template.includes('{documentId}') && !documentId)) return '/';
    return template.replace(/\{documentId\}/g, encodeURIComponent(documentId ?? '')).replace(/\{locale\}/g, encodeURIComponent(locale ?? ''));
  };

  const siteLink = (token: string, path: string) => {
    const site = config().siteUrl;
    if (!site) return null;
    const query = new URLSearchParams({ token, path });
    return `${site.replace(/\/$/, '')}${PREVIEW_SITE_ROUTE}?${query}`;
  };

  const service = {
    /** A preview link for what the admin asked; `may` says whether this admin may preview the type. */
    async mint(input: unknown, may: MayPreview): Promise<PreviewTokenResponse['data']> {
      if (!isObject(input)) throw new ValidationError(`body: expected a preview (${REQUEST_FIELDS.join(', ')})`);
      const body = input as PreviewTokenRequest & Record<string, unknown>;
      const other = Object.keys(body).find((key) => !REQUEST_FIELDS.includes(key));
      if (other) throw new ValidationError(`${other.slice(0, 64)}: not a field of a preview link (${REQUEST_FIELDS.join(', ')})`);
      const contentTypes = getService(strapi, 'content-types');
      const uid = contentTypes.assertOptedIn(body.contentType);
      if (!may(uid)) throw new PolicyError(`contentType: you may not preview ${uid} entries`);

      let base: string | null = null;
      if (body.documentId != null) {
        const found = typeof body.documentId === 'string' ? getService(strapi, 'content-index').locate(body.documentId) : null;
        if (!found || found.uid !== uid) throw new ValidationError(`documentId: not an entry of ${uid}`);
        base = found.base;
      }
      if (body.forceEntry !== undefined && typeof body.forceEntry !== 'boolean') throw new ValidationError('forceEntry: expected true or false');
      if (body.forceEntry && base === null) throw new ValidationError('forceEntry: give the documentId of the entry to show');
      if (body.drafts !== undefined && typeof body.drafts !== 'boolean') throw new ValidationError('drafts: expected true or false');
      const audience = readAudience(body.audience);
      const locale = await contentTypes.localeOf(uid, body.locale);

      const expiresAt = new Date(Date.now() + config().expiresInMinutes * 60_000).toISOString();
      const grant: PreviewGrant = {
        audience,
        contentType: uid,
        documentId: base,
        servedDocumentId: body.forceEntry ? (body.documentId as string) : null,
        drafts: body.drafts === true,
        locale,
        expiresAt,
      };
      const token = await sign(grant);
      if (token.length > MAX_TOKEN_CHARS) throw new ValidationError(`audience: too large for a preview link (at most ${MAX_TOKEN_CHARS} characters once signed)`);
      const path = pathOf(uid, base, locale);
      return { token, grant, path, url: siteLink(token, path) };
    },

    /** What a token grants, and whether it has expired; a 403 when it was not minted here as it is. */
    async verify(token: string): Promise<{ grant: PreviewGrant; expired: boolean }> {
      const parts = token.length <= MAX_TOKEN_CHARS ? token.split('.') : [];
      if (parts.length !== 3 || parts[0] !== VERSION) throw forged();
      const key = await readSecret(false);
      const expected = key ? Buffer.from(signature(key, `${parts[0]}.${parts[1]}`)) : null;
      const given = Buffer.from(parts[2]);
      if (!expected || expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) throw forged();
      const grant = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as PreviewGrant;
      return { grant, expired: !(Date.parse(grant.expiresAt) > Date.now()) };
    },

    /**
     * The preview the current content-API request carries (the header, or a REST link's `preview`
     * parameter), checked: 401 expired, 403 forged; null without one. Admin routes and code
     * outside a request have none.
     */
    async fromRequest(): Promise<PreviewGrant | null> {
      const ctx = strapi.requestContext.get() as any;
      if (ctx?.state?.route?.info?.type !== 'content-api') return null;
      const token = ctx.get(PREVIEW_HEADER) || ctx.query?.[PREVIEW_PARAM];
      if (token === undefined || token === '') return null;
      if (typeof token !== 'string') throw forged();
      const checked = await service.verify(token);
      const grant = checked.grant;
      if (checked.expired) throw expired(`preview: this preview link expired at ${grant.expiresAt}; open it again from the admin`);
      // Never kept by a browser, a CDN or a shared cache: the answer is this editor's alone.
      ctx.set('Cache-Control', 'private, no-store');
      return grant;
    },

    site(): { siteUrl: string | null; paths: Record<string, string> } {
      const { siteUrl, paths } = config();
      return { siteUrl, paths };
    },

    /**
     * Strapi's own Preview button (`config/admin.ts`, `preview.config.handler`): the document
     * itself, as a first visit sees the site, its draft or published version as the button asks.
     * Runs in the Content Manager's request: that admin must be able to read the type.
     */
    async previewButtonUrl(uid: string, { documentId, locale, status }: { documentId?: string; locale?: string | null; status?: string }) {
      if (!getService(strapi, 'content-types').isOptedIn(uid) || !config().siteUrl || !documentId) return undefined;
      const ability = (strapi.requestContext.get() as any)?.state?.userAbility;
      const may: MayPreview = (type) => ability?.can('plugin::content-manager.explorer.read', type) === true;
      const { url } = await service.mint({ contentType: uid, documentId, forceEntry: true, drafts: status === 'draft', locale }, may);
      return url ?? undefined;
    },
  };
  return service;
};
