import fs from 'fs';
import path from 'path';

/**
 * The app root is the nearest folder above this file that holds a package.json.
 *
 * Strapi loads the compiled config from `<app>/dist/config`, while editors and type checks see
 * `<app>/config`: walking up works from both places, whatever the current directory is (tests
 * boot the app with cwd = the repo root). Strapi's config loader skips sub-folders of config/,
 * so this helper is not read as a config file. (dist/ holds no package.json: tsc copies only the
 * JSON files under src/ there.)
 */
const findAppRoot = (from: string): string => {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
};

export const appRoot = findAppRoot(__dirname);

/** The plugin under development is the repo that contains this app. */
export const pluginRoot = path.resolve(appRoot, '..');

/** A path from the app root, left alone when already absolute. */
export const fromAppRoot = (file: string): string => path.resolve(appRoot, file);
