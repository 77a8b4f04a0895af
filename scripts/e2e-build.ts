/**
 * The production build every e2e run serves (NEXT_DIST_DIR=.next-e2e): built only when missing or older than
 * any source it is made from, so `npm test` builds once and the load-balanced and soketi runs reuse it.
 *   tsx scripts/e2e-build.ts   (E2E_NEXT_DIST_DIR overrides the folder)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const E2E_DIST_DIR = process.env.E2E_NEXT_DIST_DIR ?? '.next-e2e';
const SOURCES = [
  'app', 'components', 'lib', 'public', 'realtime/src', 'proxy.ts', 'instrumentation.ts', 'next.config.js',
  'package.json', 'tsconfig.json', 'postcss.config.mjs', 'scripts/app-server.ts',
];
const BUNDLES = ['scripts/dist/app-server.mjs', 'realtime/dist/main.mjs'];
const TEST_FILE = /\.test\.tsx?$/;

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return TEST_FILE.test(entry) ? 0 : stat.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/** When the build finished: the oldest of its outputs, or 0 when one is missing. */
function builtAt(root: string): number {
  const outputs = [path.join(root, E2E_DIST_DIR, 'BUILD_ID'), ...BUNDLES.map((file) => path.join(root, file))];
  if (!outputs.every((file) => existsSync(file))) return 0;
  return Math.min(...outputs.map((file) => statSync(file).mtimeMs));
}

/** Builds unless an up-to-date build exists; returns whether it built. */
export function ensureE2eBuild(root: string): boolean {
  const sourcesChanged = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  if (builtAt(root) > sourcesChanged) {
    console.log(`[e2e-build] reusing the build in ${E2E_DIST_DIR} (newer than every source)`);
    return false;
  }
  console.log(`[e2e-build] building into ${E2E_DIST_DIR} (missing or older than the sources)…`);
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_DIST_DIR: E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' } });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) ensureE2eBuild(process.cwd());
