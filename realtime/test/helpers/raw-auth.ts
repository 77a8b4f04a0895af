import type { RawClient, Frame } from './raw-client';
import type { TestServer } from './server';

/** Subscribes a raw client with a signature made by the official SDK; resolves with the answer frame. */
export async function rawSubscribe(
  test: Pick<TestServer, 'rest'>,
  raw: RawClient,
  channel: string,
  presence?: { user_id: string; user_info?: Record<string, unknown> },
): Promise<Frame> {
  const signed = channel.startsWith('private-') || channel.startsWith('presence-')
    ? test.rest.authorizeChannel(raw.socketId, channel, presence)
    : undefined;
  raw.send({ event: 'pusher:subscribe', data: { channel, ...(signed ?? {}) } });
  return raw.next('pusher_internal:subscription_succeeded', (frame) => frame.channel === channel);
}

/** Sends a subscribe with the given auth fields and returns the subscription_error frame. */
export function rawSubscribeExpectingError(raw: RawClient, channel: string, fields: object): Promise<Frame> {
  raw.send({ event: 'pusher:subscribe', data: { channel, ...fields } });
  return raw.next('pusher:subscription_error', (frame) => frame.channel === channel);
}
