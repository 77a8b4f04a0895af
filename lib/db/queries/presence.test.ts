import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client';
import { createUser, getUserById } from './users';
import { openTestDatabase, testDatabaseKinds } from '../test-databases';
import { setAppearOffline } from './presence';

describe.each(testDatabaseKinds())('presence settings on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('keeps "Appear offline" per person: off for a new account, then on and off again', async () => {
    const db = handle.db;
    const dee = await createUser({ username: 'dee', displayName: 'Dee', passwordHash: null }, db);
    const eve = await createUser({ username: 'eve', displayName: 'Eve', passwordHash: null }, db);
    expect(dee.appearOffline).toBe(false);

    expect(await setAppearOffline(dee.id, true, db)).toBe(true);
    expect((await getUserById(dee.id, db))?.appearOffline).toBe(true);
    expect((await getUserById(eve.id, db))?.appearOffline).toBe(false);

    expect(await setAppearOffline(dee.id, false, db)).toBe(false);
    expect((await getUserById(dee.id, db))?.appearOffline).toBe(false);
  });

  it('answers null for an unknown or malformed user instead of failing', async () => {
    expect(await setAppearOffline('00000000-0000-4000-8000-000000000000', true, handle.db)).toBeNull();
    expect(await setAppearOffline("1' OR '1'='1", true, handle.db)).toBeNull();
  });
});
