/** The engine's public API: plain TypeScript, no Strapi, shared by the server and the tests. */
export * from './stages';
export * from './segments';
export * from './rules';
export * from './context';
export * from './decide';
export * from './related';
export * from './coverage';
export * from './events';
export * from './experiment';
export * from './kpi';
