/** admin::hasPermissions needs every action listed; this one needs any of them. */
const hasAnyPermission = (ctx: any, config: { actions: string[] }) =>
  config.actions.some((action) => ctx.state.userAbility?.can(action) === true);

export default {
  'has-any-permission': hasAnyPermission,
};
