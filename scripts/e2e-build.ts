import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The load-balanced e2e runs the production build the main e2e made (NEXT_DIST_DIR=.next-e2e), so `npm test`
 * builds once. It builds only when that build is missing or older than any source it was made from.
 */
export const E2E_DIST_DIR = process.env.E2E_NEXT_DIST_DIR ?? '.next-e2e';
const SOURCES = ['app', 'components', 'lib', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package.json', 'scripts/app-server.ts', 'realtime/src'];
const OUTPUTS = ['BUILD_ID'];
const BUNDLES = ['scripts/dist/app-server.mjs', 'realtime/dist/main.mjs'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function oldestOutput(root: string): number {
  const outputs = [...OUTPUTS.map((file) => path.join(root, E2E_DIST_DIR, file)), ...BUNDLES.map((file) => path.join(root, file))];
  if (!outputs.every((file) => existsSync(file))) return 0;
  return Math.min(...outputs.map((file) => statSync(file).mtimeMs));
}

/** Builds unless an up-to-date build exists; returns whether it built. */
export function ensureProductionBuild(root: string): boolean {
  const sourcesChanged = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  if (oldestOutput(root) > sourcesChanged) return false;
  console.log(`[lb] building into ${E2E_DIST_DIR} (missing or older than the sources)…`);
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_DIST_DIR: E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' } });
  return true;
}
