import type { Channel } from 'pusher-js';
import type { RawClient } from './raw-client';
import type { TestServer } from './server';
import type { WebhookReceiver } from './webhook-receiver';
import { withTimeout } from './wait';

/**
 * Checks that something did NOT arrive wait for a later marker sent through the same path, never a fixed sleep:
 * once the marker is in, anything the server sent that way before it would have arrived too (one socket delivers
 * in order), so the check means something on a slow machine as much as on a fast one.
 */
export const MARKER_EVENT = 'test-marker';

/** The REST API takes at most this many channels per event. */
const CHANNELS_PER_TRIGGER = 100;

let markers = 0;
function markerId(): string {
  markers += 1;
  return `marker-${markers}`;
}

/** Every frame `client` sent before has been read and handled by the server: its pong comes after them. */
export async function pingThrough(...clients: RawClient[]): Promise<void> {
  await Promise.all(
    clients.map(async (client) => {
      client.send({ event: 'pusher:ping', data: {} });
      await client.next('pusher:pong');
    }),
  );
}

/**
 * Triggers a marker on `channel` through the REST API and waits until every observer (subscribed to it) has it:
 * whatever the server published on that channel before has reached them.
 */
export async function rawMarker(server: Pick<TestServer, 'rest'>, channel: string, ...observers: RawClient[]): Promise<void> {
  const id = markerId();
  const arrived = observers.map((observer) => observer.next(MARKER_EVENT, (frame) => frame.channel === channel && (frame.data as { id?: unknown }).id === id));
  await server.rest.trigger(channel, MARKER_EVENT, { id });
  await Promise.all(arrived);
}

/** The same for pusher-js clients: a marker on each channel's name, awaited on that channel. */
export async function channelMarker(server: Pick<TestServer, 'rest'>, ...channels: Channel[]): Promise<void> {
  const id = markerId();
  const names = [...new Set(channels.map((channel) => channel.name))];
  const arrived = channels.map((channel) =>
    withTimeout<void>(`${MARKER_EVENT} on ${channel.name}`, (resolve) => {
      const listener = (data: { id?: unknown }): void => {
        if (data.id === id) resolve();
      };
      channel.bind(MARKER_EVENT, listener);
      return () => channel.unbind(MARKER_EVENT, listener);
    }),
  );
  for (let first = 0; first < names.length; first += CHANNELS_PER_TRIGGER) {
    await server.rest.trigger(names.slice(first, first + CHANNELS_PER_TRIGGER), MARKER_EVENT, { id });
  }
  await Promise.all(arrived);
}

/**
 * A webhook marker: `joinMarker` adds a member to `channel` (a channel of the marker's own); its member_added is
 * queued after every webhook raised before, so once it is in, those would have arrived too.
 */
export async function webhookMarker(receiver: WebhookReceiver, channel: string, joinMarker: () => Promise<unknown>): Promise<void> {
  await joinMarker();
  await receiver.waitFor(`the marker's member_added on ${channel}`, (events) => events.some((event) => event.channel === channel && event.name === 'member_added'), 10_000);
}
