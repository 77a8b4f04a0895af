import type { Channel } from 'pusher-js';
import { z } from 'zod';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { MIRROR_EVENT } from './mirror-events';

/**
 * A room followed on its watch channel (lib/rooms/channels.ts) instead of its presence channel: the list comes
 * from `GET /api/rooms/{slug}/presence` after each (re)subscription, and changes from `presence-mirror` events.
 * Mirrored client events (statuses, activity beacons) are re-emitted on the channel object with the sender's
 * id as pusher-js metadata, so the hooks that listen for them on a presence channel work unchanged here.
 */
type RawMember = { id: string; info: unknown };

export type WatchFeedHandlers = {
  onMembers: (members: RawMember[]) => void;
  onAdded: (member: RawMember) => void;
  onRemoved: (member: { id: string }) => void;
  onFailed: (message: string) => void;
};

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

export function bindWatchFeed(channel: Channel, slug: string, handlers: WatchFeedHandlers): () => void {
  let current = true;
  const onSubscribed = () => {
    fetchPresentMembers(slug).then(
      (members) => {
        if (current) handlers.onMembers(members);
      },
      (error: unknown) => {
        console.error('[watch] could not load who is here', error);
        if (current) handlers.onFailed(error instanceof Error ? error.message : 'Could not load who is here.');
      },
    );
  };
  const onMirror = (data: unknown) => {
    const parsed = mirrorSchema.safeParse(data);
    if (!parsed.success) return;
    for (const item of parsed.data.items) {
      if (item.type === 'member_added') handlers.onAdded({ id: item.id, info: item.info });
      else if (item.type === 'member_removed') handlers.onRemoved({ id: item.id });
      else channel.emit(item.event, item.data, { user_id: item.id });
    }
  };
  const onError = () => handlers.onFailed('Could not follow the room.');
  const unbind = bindEvents(channel, { 'pusher:subscription_succeeded': onSubscribed, 'pusher:subscription_error': onError, [MIRROR_EVENT]: onMirror });
  if (channel.subscribed) onSubscribed();
  return () => {
    current = false;
    unbind();
  };
}
