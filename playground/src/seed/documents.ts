import type { Core, UID } from '@strapi/strapi';

/**
 * The slice of the document service the seed uses, typed loosely on purpose: the plugin adds
 * `variantOf`, `targetSegments`, `targetStage` and `contentTags` at runtime, which the types
 * generated from schema.json files may not know.
 */
export interface DocumentRef {
  documentId: string;
}

type Status = 'draft' | 'published';

export interface SeedDocuments {
  create(params: { data: Record<string, unknown>; status?: Status; locale?: string }): Promise<DocumentRef>;
  update(params: {
    documentId: string;
    data: Record<string, unknown>;
    status?: Status;
    locale?: string;
  }): Promise<DocumentRef | null>;
  findFirst(params: { filters: Record<string, unknown>; locale?: string }): Promise<DocumentRef | null>;
  count(params: { locale?: string }): Promise<number>;
}

export const documentsOf = (strapi: Core.Strapi, uid: string): SeedDocuments =>
  strapi.documents(uid as UID.ContentType) as unknown as SeedDocuments;
