/**
 * `npm run playground`: Strapi (admin build, then `strapi start`) and the demo site (`next build`,
 * then `next start`) side by side, and both URLs once both answer. Ctrl-C stops both; if one
 * stops, so does the other.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const playground = path.resolve(web, '..');
const strapiUrl = `http://127.0.0.1:${process.env.PORT ?? 1337}`;
const sitePort = process.env.SITE_PORT ?? '3000';
const siteUrl = `http://127.0.0.1:${sitePort}`;
// Strapi subscribes the site to the plugin's change events (playground/src/seed/site-webhook.ts)
// with this secret, which the site checks; previews open the site at PLAYGROUND_SITE_URL.
const env = {
  ...process.env,
  STRAPI_TELEMETRY_DISABLED: 'true',
  NEXT_TELEMETRY_DISABLED: '1',
  STRAPI_URL: strapiUrl,
  PLAYGROUND_SITE_URL: siteUrl,
  PERSONALIZE_WEBHOOK_SECRET: process.env.PERSONALIZE_WEBHOOK_SECRET ?? 'playground-site-webhook-secret',
};

const children = new Set();
let stopping = false;
function run(label, args, cwd) {
  // Its own process group, so that stopping it stops what npm started under it too.
  const child = spawn('npm', args, { cwd, env, stdio: 'inherit', detached: true });
  children.add(child);
  const done = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    })
  );
  return { child, done, label };
}
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 500).unref();
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));

const answers = async (url) => fetch(url).then((res) => res.status < 500, () => false);
async function waitFor(url, what) {
  while (!stopping) {
    if (await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} stopped`);
}

// Both builds at once; the site needs no Strapi to build (its pages render per request).
const strapi = run('Strapi', ['run', 'start:fresh'], playground);
const build = run('site build', ['run', 'build'], web);
strapi.done.then((code) => stopAll(code));
const built = await build.done;
if (built !== 0) {
  console.error(`The site's build failed (exit ${built}).`);
  stopAll(built);
} else {
  const site = run('site', ['run', 'start', '--', '--port', sitePort, '--hostname', '127.0.0.1'], web);
  site.done.then((code) => stopAll(code));
  const up = await Promise.all([waitFor(`${strapiUrl}/_health`, 'Strapi'), waitFor(`${siteUrl}/sign-in`, 'The site')]).then(
    () => true,
    () => false
  );
  if (up) console.log(
    [
      '',
      'The playground is up:',
      `  Site (Northwind Insurance): ${siteUrl}   open "Why this page?" in the corner`,
      `  Strapi admin:               ${strapiUrl}/admin`,
      '',
    ].join('\n')
  );
}
