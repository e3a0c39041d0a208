import type { Core } from '@strapi/strapi';
import { isOptedIn } from '../fields';

/** Which content types take part in personalization: those whose schema opts in. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  optedInUids(): string[] {
    return Object.values(strapi.contentTypes)
      .filter((schema) => isOptedIn(schema as any))
      .map((schema) => schema.uid);
  },

  isOptedIn(uid: string): boolean {
    return isOptedIn(strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as any);
  },
});
