import { errors } from '@strapi/utils';

const { ApplicationError, ValidationError } = errors;

/**
 * Runs a list query built from the caller's filters. Some filters pass Strapi's validation and
 * still break the SQL it builds (a scalar `filters`, `$between` with one value, `$not` inside a
 * relation...), which Strapi's own core routes answer with a 500. When the same query without
 * the caller's filters, sort and pagination works, they are to blame: a 400 naming them. Any
 * other failure (the database is down) stays a server error.
 */
export const blameCallerQuery = async <T>(run: () => Promise<T>, withoutCallerQuery: () => Promise<unknown>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApplicationError) throw error;
    try {
      await withoutCallerQuery();
    } catch {
      throw error;
    }
    throw new ValidationError('filters: these filters, sort or pagination cannot be applied to this content type');
  }
};
