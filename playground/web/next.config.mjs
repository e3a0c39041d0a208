import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The site imports the plugin's kit by its package name, linked from the repo root
 * (`file:../..`): the root is where those files really are, so it is the bundler's root too.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The seeded heroes' links, to the pages this site has. */
const ALIASES = [
  ['/covers', '/offers'],
  ['/guide', '/articles'],
  ['/reviews', '/#reviews'],
  ['/home/guarantees', '/offers'],
  ['/health/compare', '/offers'],
  ['/account/offers', '/sign-in'],
  ['/account/add/:product', '/quote?product=:product'],
  ['/:product(car|home|health|travel)/quote', '/quote?product=:product'],
];

export default {
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
  async redirects() {
    return ALIASES.map(([source, destination]) => ({ source, destination, permanent: false }));
  },
};
