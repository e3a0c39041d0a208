import { errors } from '@strapi/utils';

/** A problem the engine found in what a caller sent: where, and what is wrong. */
export interface Problem {
  field: string;
  message: string;
}

/**
 * The engine's problems as Strapi's ValidationError: a 400 whose message names the first field,
 * with every problem in `details.errors`, the way Strapi reports its own validation errors.
 */
export const validationError = (problems: readonly Problem[]) =>
  new errors.ValidationError(`${problems[0].field}: ${problems[0].message}`, {
    errors: problems.map(({ field, message }) => ({ path: field.split('.'), message, name: 'ValidationError' })),
  });
