import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import Pusher from 'pusher-js';
import { REALTIME_HOST, realtimeRestClient, runRealtimePort } from './support/realtime-server';
import { runCredentials } from './support/web-servers';

/**
 * The README's big rooms: the embedded server takes more than Pusher's 100 people in one room, as `npm start`
 * launches it (the harness hands it the same cap, scripts/e2e-realtime.ts). Official pusher-js clients in Node,
 * one past Pusher's cap, each signed as the app's auth endpoint signs a member; the server's REST API counts them.
 */
const MEMBERS = 101;
const SUBSCRIBE_TIMEOUT_MS = 30_000;

function member(channel: string, index: number): Promise<Pusher> {
  const rest = realtimeRestClient();
  const userId = `big-room-${index}`;
  const pusher = new Pusher(runCredentials().key, {
    cluster: 'local',
    wsHost: REALTIME_HOST,
    wsPort: runRealtimePort(),
    forceTLS: false,
    enabledTransports: ['ws'],
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) =>
        callback(null, rest.authorizeChannel(socketId, channelName, { user_id: userId, user_info: { name: userId } })),
    },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${userId} was not in ${channel} within ${SUBSCRIBE_TIMEOUT_MS} ms`)), SUBSCRIBE_TIMEOUT_MS);
    const subscription = pusher.subscribe(channel);
    subscription.bind('pusher:subscription_succeeded', () => {
      clearTimeout(timer);
      resolve(pusher);
    });
    subscription.bind('pusher:subscription_error', (error: unknown) => {
      clearTimeout(timer);
      reject(new Error(`${userId} was refused: ${JSON.stringify(error)}`));
    });
  });
}

test('a room takes more than Pusher’s 100 people on the embedded server', async () => {
  const channel = `presence-hobby-big-${randomBytes(4).toString('hex')}`;
  const clients: Pusher[] = [];
  try {
    for (let index = 0; index < MEMBERS; index += 1) clients.push(await member(channel, index));
    const response = await realtimeRestClient().get({ path: `/channels/${channel}/users` });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { users: unknown[] }).users).toHaveLength(MEMBERS);
  } finally {
    for (const client of clients) client.disconnect();
  }
});
