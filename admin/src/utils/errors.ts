import { isFetchError } from '@strapi/strapi/admin';

/** The status of a failed admin API call, when it has one. */
export const statusOf = (error: unknown): number | undefined =>
  isFetchError(error) ? (error.status ?? error.response?.data?.error?.status) : undefined;

export const isForbidden = (error: unknown): boolean => statusOf(error) === 403;

/**
 * The message of a failed call, Strapi's `{ error: { message, details } }` first; validation
 * errors list each problem with its path.
 */
export function errorMessage(error: unknown): string {
  if (isFetchError(error)) {
    const apiError = error.response?.data?.error as { message?: string; details?: { errors?: Array<{ path?: unknown; message?: string }> } } | undefined;
    const problems = apiError?.details?.errors;
    if (Array.isArray(problems) && problems.length > 0) {
      return problems
        .map((p) => (Array.isArray(p.path) && p.path.length > 0 ? `${p.path.join('.')}: ${p.message}` : String(p.message)))
        .join('; ');
    }
    return apiError?.message ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
