import type { Core, UID } from '@strapi/strapi';

const PAGE = 5_000;

/**
 * Every row matching `params`, read by pages of ids: populating relations binds one parameter per
 * row, and databases cap the parameters of one statement (SQLite: 32,766).
 */
export const findAllByPages = async (strapi: Core.Strapi, uid: string, params: { where?: object; select?: string[]; populate?: object }) => {
  const rows: Array<{ id: number; [key: string]: any }> = [];
  for (let after = 0; ; ) {
    const page = await strapi.db.query(uid as UID.Schema).findMany({
      ...params,
      where: { $and: [params.where ?? {}, { id: { $gt: after } }] },
      orderBy: [{ id: 'asc' }],
      limit: PAGE,
    });
    rows.push(...page);
    if (page.length < PAGE) return rows;
    after = page[page.length - 1].id;
  }
};
