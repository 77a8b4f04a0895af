import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export class NoBrowserError extends Error {
  constructor(detail: string) {
    super(
      `No Chromium for the browser tests (${detail}): install one (Debian/Ubuntu: apt-get install chromium; ` +
        'elsewhere: npx playwright install chromium) or set CHROMIUM_PATH to a Chromium binary.',
    );
    this.name = 'NoBrowserError';
  }
}

/** The Chromium to drive: $CHROMIUM_PATH, else Debian's, else Playwright's own download (undefined). */
export function resolveChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new NoBrowserError(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (existsSync(chromium.executablePath())) return undefined;
  throw new NoBrowserError(`neither ${DEBIAN_CHROMIUM} nor Playwright's own Chromium is installed`);
}

/**
 * Options for every browser context the suites open. Reduced motion stops the endless decorative animations
 * (the live dot's ping, the reconnecting pulse): with several people's pages open on a 2-core machine they
 * slowed every page; the seven-person stack test took 47.5 s with them and 34.9 s without.
 */
export const CONTEXT_OPTIONS = { reducedMotion: 'reduce' } as const;

/** Flags for a sandboxed machine with no network: no background traffic, no GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
