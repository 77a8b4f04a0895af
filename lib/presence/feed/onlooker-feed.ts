import type { Channel } from 'pusher-js';
import { z } from 'zod';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { LEAVING_WORDS } from '@/lib/presence/departures/leaving-words';
import { ONLOOKER_DEPARTURE_MATCH_MS } from '@/lib/presence/departures/member-lifetime';
import { MIRROR_EVENT } from '@/lib/presence/appear-offline/mirror-events';
import { onlookerChannelName } from '@/lib/rooms/channels';
import type { RoomKind } from '@/lib/db/schema';
import type { RawMember, RoomFeed } from './room-feed';

/**
 * A room followed on its onlooker channel (lib/rooms/channels.ts) instead of its presence channel, without being a
 * member: the list comes from `GET /api/rooms/{slug}/presence` after each (re)subscription, and every change
 * members hear from the `presence-mirror` events the app republishes from the realtime server's webhooks
 * (joins, leaves, statuses, activity, the leaving words). Nothing is ever sent on it.
 */
const memberSchema = z.object({ id: z.string(), info: z.unknown() });
const membersResponseSchema = z.object({ members: z.array(memberSchema) });
const mirrorSchema = z.object({
  items: z.array(
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('member_added'), id: z.string(), info: z.unknown() }),
      z.object({ type: z.literal('member_removed'), id: z.string() }),
      z.object({ type: z.literal('client_event'), id: z.string(), event: z.string(), data: z.unknown() }),
    ]),
  ),
});
type MirrorItem = z.infer<typeof mirrorSchema>['items'][number];
const LEAVING_WORD_SET: ReadonlySet<string> = new Set(LEAVING_WORDS);

export class PresentMembersRequestError extends Error {
  constructor(status: number) {
    super(`Could not load who is here (HTTP ${status}).`);
    this.name = 'PresentMembersRequestError';
  }
}

async function fetchPresentMembers(slug: string): Promise<RawMember[]> {
  const response = await fetch(`/api/rooms/${encodeURIComponent(slug)}/presence`);
  if (!response.ok) throw new PresentMembersRequestError(response.status);
  return membersResponseSchema.parse(await response.json()).members.map(({ id, info }) => ({ id, info }));
}

/** Calls `onItem` for every item of every mirror event on the channel. */
function bindMirror(channel: Channel, onItem: (item: MirrorItem) => void): () => void {
  return bindEvents(channel, {
    [MIRROR_EVENT]: (data: unknown) => {
      const parsed = mirrorSchema.safeParse(data);
      if (parsed.success) for (const item of parsed.data.items) onItem(item);
    },
  });
}

export function onlookerFeed(room: { kind: RoomKind; slug: string }): RoomFeed {
  const { slug } = room;
  return {
    channelName: onlookerChannelName(room),
    departureMatchMs: ONLOOKER_DEPARTURE_MATCH_MS,
    bindMembership(lease, sink) {
      const channel = lease.channel;
      let current = true;
      const onSubscribed = () => {
        fetchPresentMembers(slug).then(
          (members) => {
            if (current) sink.listed(members);
          },
          (error: unknown) => {
            console.error('[onlooker] could not load who is here', error);
            if (current) sink.failed(error instanceof Error ? error.message : 'Could not load who is here.');
          },
        );
      };
      const unbindChannel = bindEvents(channel, {
        'pusher:subscription_succeeded': onSubscribed,
        'pusher:subscription_error': () => sink.failed('Could not follow the room.'),
      });
      const unbindMirror = bindMirror(channel, (item) => {
        if (item.type === 'member_added') sink.added({ id: item.id, info: item.info });
        else if (item.type === 'member_removed') sink.removed(item.id);
        else if (LEAVING_WORD_SET.has(item.event)) sink.leavingWord(item.id);
      });
      if (channel.subscribed) onSubscribed();
      return () => {
        current = false;
        unbindChannel();
        unbindMirror();
      };
    },
    bindClientEvents(channel, handlers) {
      return bindMirror(channel, (item) => {
        if (item.type === 'client_event') handlers[item.event]?.(item.data, item.id);
      });
    },
    say() {
      // An onlooker is not in the room: nothing it says may reach the others (nor its onlookers).
    },
    sayGoodbye() {
      // The room never knew this tab.
    },
    farewell: undefined,
  };
}
