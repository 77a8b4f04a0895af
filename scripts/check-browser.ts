/** Fails `npm test` early, in one line, when no Chromium is available for the end-to-end tests. */
import { NoBrowserError, resolveChromium } from '../e2e/browser';

try {
  resolveChromium();
} catch (error) {
  if (!(error instanceof NoBrowserError)) throw error;
  console.error(error.message);
  process.exit(1);
}
