import { randomBytes, randomUUID } from 'node:crypto';
import type { APIResponse, Page } from '@playwright/test';
import { ROOMS_CREATED_PER_HOUR, STATUS_UPDATES_PER_MINUTE, TEAM_CHANGES_PER_MINUTE, APPEAR_OFFLINE_CHANGES_PER_MINUTE } from '../lib/rate-limit/write-limits';
import { expect, test } from './fixtures';
import { expectApiError } from './support/pusher-auth';

/**
 * Every write of the API is rate limited per user with the shared limiter (issue 17: 200 status saves in 1.1 s
 * and 60 rooms in a row were all accepted): the allowance is accepted, the next one is a 429 with Retry-After.
 */
async function expectRefusedAfter(allowance: number, write: (round: number) => Promise<APIResponse>): Promise<void> {
  for (let round = 0; round < allowance; round += 1) {
    const response = await write(round);
    expect(response.status(), `write ${round + 1} of ${allowance}: ${await response.text()}`).toBeLessThan(429);
  }
  const refused = await write(allowance);
  await expectApiError(refused, 429, 'too_many_requests');
  expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
}

const roomName = () => `Limits ${randomBytes(4).toString('hex')}`;
const createRoom = (page: Page, kind: 'hobby' | 'business') => page.request.post('/api/rooms', { data: { name: roomName(), kind } });

test('status saves, appear-offline switches and room creations stop at their limits with Retry-After', async ({ page, account }) => {
  void account;
  await expectRefusedAfter(STATUS_UPDATES_PER_MINUTE, (round) => page.request.put('/api/me/status', { data: { status: `Status ${round}` } }));
  await expectRefusedAfter(APPEAR_OFFLINE_CHANGES_PER_MINUTE, (round) => page.request.put('/api/me/appear-offline', { data: { appearOffline: round % 2 === 0 } }));
  await expectRefusedAfter(ROOMS_CREATED_PER_HOUR, () => createRoom(page, 'hobby'));
});

test('team changes stop at their limit, whether or not they found someone', async ({ page, account }) => {
  void account;
  const created = await createRoom(page, 'business');
  expect(created.status()).toBe(201);
  const { slug } = ((await created.json()) as { room: { slug: string } }).room;
  // Removing someone who is not on the team (404) counts, as a removal that found them would.
  await expectRefusedAfter(TEAM_CHANGES_PER_MINUTE, () => page.request.delete(`/api/rooms/${slug}/members/${randomUUID()}`));
});
