import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PREVIEW_HEADER, PREVIEW_PARAM } from '../../../shared/contracts/content-api';
import { ACTIONS } from '../permissions';
import { getService } from '../utils/get-service';

const { ValidationError } = errors;

/** Preview links: minted in the admin, read back by the site. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const links = () => getService(strapi, 'preview-links');
  return {
    /** The plugin's preview permission, or the Content Manager's read permission on the type (the edit view). */
    async mint(ctx: any) {
      const ability = ctx.state.userAbility;
      const may = (uid: string) => ability?.can(ACTIONS.readCoverage) === true || ability?.can('plugin::content-manager.explorer.read', uid) === true;
      ctx.body = { data: await links().mint(ctx.request.body, may) };
    },

    site(ctx: any) {
      ctx.body = { data: links().site() };
    },

    /** Content API: what the token sent grants, for the site's preview bar. */
    async grant(ctx: any) {
      const grant = await links().fromRequest();
      if (!grant) throw new ValidationError(`${PREVIEW_PARAM}: send the token in the ${PREVIEW_HEADER} header or the ${PREVIEW_PARAM} parameter`);
      ctx.body = { data: grant };
    },
  };
};
