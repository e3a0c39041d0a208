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
    const apiError = apiErrorOf(error);
    const problems = apiError?.details?.errors;
    if (Array.isArray(problems) && problems.length > 0) return problems.map(describeProblem).join('; ');
    return apiError?.message ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

type Problem = { path?: unknown; field?: unknown; message?: string };
const apiErrorOf = (error: unknown) =>
  isFetchError(error) ? (error.response?.data?.error as { message?: string; details?: { errors?: Problem[] } } | undefined) : undefined;

/** Where a problem is: a yup path (["arms", 0]) or the plugin's field ("arms[0].weight"). */
const fieldOf = (p: Problem): string | undefined =>
  Array.isArray(p.path) && p.path.length > 0 ? p.path.join('.') : typeof p.field === 'string' && p.field ? p.field : undefined;

const describeProblem = (p: Problem) => {
  const field = fieldOf(p);
  return field === undefined ? String(p.message) : `${field}: ${p.message}`;
};

/**
 * A failed save's problems by field, for forms that show each under its input: the details'
 * list when there is one, else the message's leading "field: " ('' when it names none).
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const problems = apiErrorOf(error)?.details?.errors;
  const found: Record<string, string> = {};
  if (Array.isArray(problems) && problems.length > 0) {
    for (const p of problems) {
      const field = fieldOf(p) ?? '';
      found[field] ??= String(p.message);
    }
    return found;
  }
  const message = errorMessage(error);
  const match = /^([\w.[\]]+): ([\s\S]+)$/.exec(message);
  return match ? { [match[1]]: match[2] } : { '': message };
}
