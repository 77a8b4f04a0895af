import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/lib/db/client';
import { createUser } from '@/lib/db/queries/users';
import { openTestDatabase } from '@/lib/db/test-databases';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { openLimiterStore, type LimiterStore } from '@/lib/rate-limit/store';
import { authorizeCredentials } from './authorize-credentials';
import { SignInRateLimitedError } from './errors';
import { hashPassword } from './password';
import { FAILURES_PER_USERNAME } from './sign-in-limits';

/** The measurement: 26 parallel attempts got 7 password checks against a limit of 5. */
const PARALLEL_ATTEMPTS = 26;
const PASSWORD = 'correct horse battery';

const globalForApp = globalThis as typeof globalThis & {
  __presentlyDatabase?: Promise<DatabaseHandle>;
  __presentlyLimiterStore?: LimiterStore;
  __presentlyLimiters?: Map<string, unknown>;
};

function requestFrom(address: string): Request {
  return new Request('http://localhost/api/auth/callback/credentials', { method: 'POST', headers: { [CLIENT_ADDRESS_HEADER]: address } });
}

/** Each attempt either checked a password (null: wrong, or the user) or was refused before any check. */
async function attempt(username: string, password: string, address: string) {
  try {
    return { checked: true, user: await authorizeCredentials({ username, password }, requestFrom(address)) };
  } catch (error) {
    if (error instanceof SignInRateLimitedError) return { checked: false, user: null };
    throw error;
  }
}

describe('sign-in attempt limits', () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openTestDatabase('pglite');
    globalForApp.__presentlyDatabase = Promise.resolve(handle);
    // The race is in the order of operations, the same on every store; this process's memory keeps it local.
    globalForApp.__presentlyLimiterStore = openLimiterStore({});
    globalForApp.__presentlyLimiters = new Map();
    await createUser({ username: 'limit-alice', displayName: 'Alice', passwordHash: await hashPassword(PASSWORD) }, handle.db);
  });
  afterAll(async () => {
    globalForApp.__presentlyDatabase = undefined;
    globalForApp.__presentlyLimiterStore = undefined;
    globalForApp.__presentlyLimiters = undefined;
    await handle.close();
  });

  const freshAddress = () => `10.${randomBytes(3).join('.')}`;

  it('checks no more passwords than the limit, however many attempts arrive at once', async () => {
    const address = freshAddress();
    const results = await Promise.all(Array.from({ length: PARALLEL_ATTEMPTS }, () => attempt('limit-alice', 'wrong password', address)));
    expect(results.filter((result) => result.checked)).toHaveLength(FAILURES_PER_USERNAME);
    // The right password is refused too until the window ends: the username is locked, not the password.
    expect((await attempt('limit-alice', PASSWORD, freshAddress())).checked).toBe(false);
  });

  it('counts only failures: a good sign-in gives back what it took', async () => {
    const address = freshAddress();
    const results = [];
    for (let round = 0; round < FAILURES_PER_USERNAME + 2; round += 1) results.push(await attempt('limit-bob', 'wrong password', address));
    expect(results.filter((result) => result.checked)).toHaveLength(FAILURES_PER_USERNAME);

    await createUser({ username: 'limit-carol', displayName: 'Carol', passwordHash: await hashPassword(PASSWORD) }, handle.db);
    const carolAddress = freshAddress();
    for (let round = 0; round < FAILURES_PER_USERNAME - 1; round += 1) expect((await attempt('limit-carol', 'wrong', carolAddress)).checked).toBe(true);
    expect((await attempt('limit-carol', PASSWORD, carolAddress)).user).toMatchObject({ name: 'Carol' });
    // The success reset Carol's count: a full allowance of failures again.
    for (let round = 0; round < FAILURES_PER_USERNAME; round += 1) expect((await attempt('limit-carol', 'wrong', carolAddress)).checked).toBe(true);
    expect((await attempt('limit-carol', 'wrong', carolAddress)).checked).toBe(false);
  });
});
