/**
 * Builds the front-end kit's entry points (and the public contract) into dist/<name>/index.mjs
 * and index.js with esbuild, and their type declarations with tsc. It runs after
 * `strapi-plugin build`, which also builds every export of package.json with its own settings;
 * these bundles replace those. The bench measures bundles made with the same options.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
/** Export name -> source. Every export but `client` imports the kit core from `./client`. */
const ENTRIES = {
  client: 'client/src/exports/client.ts',
  react: 'client/src/exports/react.ts',
  next: 'client/src/exports/next.ts',
  apollo: 'client/src/exports/apollo.ts',
  contracts: 'shared/contracts/content-api.ts',
};
const EXTENSION = { esm: 'mjs', cjs: 'js' };

/**
 * The engine and the contract are plain modules with nothing to run on import: saying so lets
 * esbuild leave out what an entry does not use (e.g. experiment assignment and its hash).
 */
const engineIsPure = {
  name: 'engine-is-pure',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, ({ path: request, resolveDir }) => {
      const file = path.resolve(resolveDir, request);
      if (!/[\\/](plugin|shared)[\\/]/.test(path.relative(ROOT, file))) return undefined;
      const resolved = fs.existsSync(`${file}.ts`) ? `${file}.ts` : file;
      return { path: resolved, sideEffects: false };
    });
    // The engine's own dependencies are pure libraries: an import of them that is not used goes.
    build.onResolve({ filter: /^(murmurhash|jstat)$/ }, ({ path: request }) => ({ path: request, external: true, sideEffects: false }));
  },
};

/** The other entries import the kit core from the built client entry, so that an app loads it once. */
const clientIsExternal = (format) => ({
  name: 'client-is-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/client$/ }, ({ resolveDir }) =>
      path.basename(resolveDir) === 'exports' ? { path: `../client/index.${EXTENSION[format]}`, external: true } : undefined
    );
  },
});

/** esbuild options for one entry in one format; `minify` for the bench's size figures. */
function bundleOptions(name, format, { minify = false } = {}) {
  return {
    absWorkingDir: ROOT,
    entryPoints: [ENTRIES[name]],
    bundle: true,
    format,
    platform: 'neutral',
    target: 'es2020',
    minify,
    // Peers stay imports.
    external: ['react', 'react/*', 'react-dom'],
    pure: ['Object.freeze', 'Object.keys'],
    // React's server components need the directive on the entry that uses hooks.
    banner: name === 'react' ? { js: "'use client';" } : undefined,
    plugins: [engineIsPure, ...(name === 'client' || name === 'contracts' ? [] : [clientIsExternal(format)])],
    logLevel: 'warning',
  };
}

async function build() {
  for (const name of Object.keys(ENTRIES)) {
    const dir = path.join(ROOT, 'dist', name);
    fs.rmSync(dir, { recursive: true, force: true });
    for (const format of ['esm', 'cjs']) {
      await esbuild.build({ ...bundleOptions(name, format), outfile: path.join(dir, `index.${EXTENSION[format]}`) });
    }
    const types = path.relative(dir, path.join(ROOT, 'dist/types', ENTRIES[name].replace(/\.ts$/, ''))).split(path.sep).join('/');
    fs.writeFileSync(path.join(dir, 'index.d.ts'), `export * from '${types}';\n`);
  }
  fs.rmSync(path.join(ROOT, 'dist/types'), { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'client/tsconfig.build.json')], { stdio: 'inherit' });
  console.log(`[kit] built ${Object.keys(ENTRIES).map((name) => `dist/${name}`).join(', ')}`);
}

module.exports = { ENTRIES, bundleOptions };
if (require.main === module) {
  build().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
