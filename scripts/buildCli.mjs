/**
 * Bundles the command line (src/cli/main.ts and the engine below it) into one Node ES module,
 * dist-cli/lottery-lens.mjs, with rolldown (already installed with Vite 8). Node 20 cannot run
 * TypeScript, so the bin (bin/lottery-lens.mjs) runs this bundle, building it when it is
 * missing or older than any source it is made from.
 *
 *   src/cli/main.ts ─rolldown─▶ dist-cli/lottery-lens.<pid>.mjs ─rename─▶ dist-cli/lottery-lens.mjs
 *
 * The rename is atomic, so two processes that build at once never run half a file.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'dist-cli', 'lottery-lens.mjs');

/** The newest modification time (ms) of what the bundle is made from: src/ (tests aside), the lock file and this script. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      const s = statSync(p);
      if (s.isDirectory()) visit(p);
      else if (!/\.(test|spec)\.tsx?$/.test(name)) newest = Math.max(newest, s.mtimeMs);
    }
  };
  visit(join(ROOT, 'src'));
  for (const f of ['package.json', 'package-lock.json', 'scripts/buildCli.mjs']) if (existsSync(join(ROOT, f))) newest = Math.max(newest, statSync(join(ROOT, f)).mtimeMs);
  return newest;
}

/** True when the bundle is missing or older than a source (always false without the sources, as in an installed package). */
export function isStale() {
  if (!existsSync(BUNDLE)) return true;
  if (!existsSync(join(ROOT, 'src'))) return false;
  return statSync(BUNDLE).mtimeMs < newestSource();
}

/** Builds the bundle (quietly) into a temporary file beside it, then renames it into place. */
export async function buildCli() {
  let rolldown;
  try {
    rolldown = await import('rolldown');
  } catch {
    throw new Error('lottery-lens: the command line is not built and rolldown (installed with the dev dependencies) is missing: run `npm install`, then `npm run build:cli`.');
  }
  mkdirSync(dirname(BUNDLE), { recursive: true });
  const tmp = BUNDLE.replace(/\.mjs$/, `.${process.pid}.mjs`);
  try {
    await rolldown.build({
      input: join(ROOT, 'src/cli/main.ts'),
      platform: 'node',
      logLevel: 'silent',
      output: { file: tmp, format: 'esm', codeSplitting: false },
    });
    renameSync(tmp, BUNDLE);
  } finally {
    rmSync(tmp, { force: true });
  }
  return BUNDLE;
}

/** The bundle's path, built first if it is missing or stale. */
export async function ensureCli() {
  return isStale() ? buildCli() : BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  await buildCli();
  console.log(`built ${BUNDLE.slice(ROOT.length + 1)} in ${Date.now() - started} ms`);
}
