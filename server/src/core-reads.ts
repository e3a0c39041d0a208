import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from './fields';
import { basesOnly, mentionsVariantOf } from './services/content-types';
import { isApiToken } from './services/delivery';

// A PolicyError is a 403 whose message reaches the caller (Strapi hides a plain ForbiddenError's).
const { PolicyError } = errors;

const LISTS = new Set(['findMany', 'count']);
const READS = new Set(['findOne', 'findFirst', 'findMany', 'count']);

/** Set while the plugin reads served entries itself: they are the delivery's, not a core list. */
const pluginReads = new AsyncLocalStorage<true>();

/** Runs a read of the plugin's own (the served variants of a list), which core-read rules do not narrow. */
export const readAsPlugin = <T>(read: () => Promise<T>): Promise<T> => pluginReads.run(true, read);

export interface CoreReadOptions {
  /** Core list reads (REST and GraphQL) of an opted-in type return base entries only. */
  hideVariantsFromCoreLists: boolean;
  /** Core reads of drafts of an opted-in type are refused to every caller but API tokens. */
  draftsOnlyForApiTokens: boolean;
}

/**
 * What Strapi's own content API may read of an opted-in type, checked on the document service
 * call it makes, whether REST or GraphQL:
 * - a list holds base entries only, unless the query filters on `variantOf` itself: a site that
 *   lists hero banners must not show each banner's variants beside it the day an editor adds one
 *   (a variant stays readable by its documentId);
 * - drafts only for API tokens: a public role with `find` may otherwise read `status=draft`, an
 *   unfinished variant and its targeting before launch.
 * The Content Manager (admin routes) and code outside a request are not concerned.
 */
export const guardCoreRead = (strapi: Core.Strapi, action: string, params: Record<string, any>) => {
  if (!READS.has(action) || pluginReads.getStore()) return;
  const request = strapi.requestContext.get() as { state?: { route?: { info?: { type?: string } }; auth?: unknown } } | undefined;
  if (request?.state?.route?.info?.type !== 'content-api') return;
  const options = strapi.config.get(`plugin::${PLUGIN_ID}`) as CoreReadOptions;
  if (options.draftsOnlyForApiTokens && params.status === 'draft' && !isApiToken(request.state.auth)) {
    throw new PolicyError('status: drafts of personalized content types are served only to API tokens (previews)');
  }
  if (options.hideVariantsFromCoreLists && LISTS.has(action) && !mentionsVariantOf(params.filters)) {
    params.filters = basesOnly(params.filters);
  }
};
