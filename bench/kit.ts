/**
 * The front-end kit's weight as a site ships it: each entry bundled and minified by esbuild with
 * the package's own build options, then gzipped (zlib). The React entry is measured on top of the
 * client entry it imports. No Strapi needed: `node -r ./bench/register.cjs bench/kit.ts`.
 */
import zlib from 'zlib';
import esbuild from 'esbuild';
import { atMost, figure, REPORTED, table, type Figure } from './report';

// The build script is plain CommonJS (it runs before anything is compiled).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundleOptions } = require('../client/build.cjs') as {
  bundleOptions: (name: string, format: 'esm' | 'cjs', options: { minify: boolean }) => esbuild.BuildOptions;
};

/** Min+gzip bytes of an entry's ESM bundle; peers and, for the other entries, the client entry stay imports. */
async function minGzip(name: string): Promise<number> {
  const { outputFiles } = await esbuild.build({ ...bundleOptions(name, 'esm', { minify: true }), write: false });
  return zlib.gzipSync(outputFiles[0].contents).length;
}

const KB = 1024;
const kb = (bytes: number) => bytes / KB;

export async function kitFigures(): Promise<Figure[]> {
  const [client, react, next, apollo] = await Promise.all(['client', 'react', 'next', 'apollo'].map(minGzip));
  return [
    figure('kit', 'client entry, min+gzip', kb(client), 'KB', atMost(6), `GrowthBook's SDK: 6.9 KB; ${client} bytes`),
    figure('kit', 'React entry on top of the client entry, min+gzip', kb(react), 'KB', atMost(2), `${react} bytes`),
    figure('kit', 'Next.js helpers on top of the client entry (server side), min+gzip', kb(next), 'KB', REPORTED),
    figure('kit', 'Apollo type policies, min+gzip', kb(apollo), 'KB', REPORTED),
  ];
}

if (require.main === module) {
  kitFigures().then(
    (figures) => console.log(table(figures)),
    (error) => {
      console.error(error);
      process.exit(1);
    }
  );
}
