import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LOCAL_ENV_FILE = '.env.local';

const SECRET_BYTES = 32;
const KEY_BYTES = 10;
const APP_ID_MIN = 100_000;
const APP_ID_MAX = 999_999;

/** The secrets a first run needs, freshly drawn; for the embedded realtime server and next-auth. */
export function generateLocalEnv(): string {
  return [
    '# Generated on first run for local use. Never commit this file; see .env.example for every setting.',
    `AUTH_SECRET=${randomBytes(SECRET_BYTES).toString('base64url')}`,
    'AUTH_TRUST_HOST=true',
    `PUSHER_APP_ID=${randomInt(APP_ID_MIN, APP_ID_MAX)}`,
    `PUSHER_APP_KEY=${randomBytes(KEY_BYTES).toString('hex')}`,
    `PUSHER_APP_SECRET=${randomBytes(SECRET_BYTES).toString('hex')}`,
    '',
  ].join('\n');
}

/**
 * Creates `.env.local` with fresh secrets when it is missing, unless the environment already provides them
 * (as CI or a container may). Returns the path it created, or undefined when nothing was written.
 */
export function ensureLocalEnvFile(
  directory: string,
  environment: Record<string, string | undefined> = process.env,
): string | undefined {
  const file = path.join(directory, LOCAL_ENV_FILE);
  if (existsSync(file)) return undefined;
  if (environment.AUTH_SECRET && environment.PUSHER_APP_SECRET) return undefined;
  writeFileSync(file, generateLocalEnv(), { flag: 'wx', mode: 0o600 });
  return file;
}
