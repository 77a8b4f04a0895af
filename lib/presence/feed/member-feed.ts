import type { PresenceChannel } from 'pusher-js';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { announceLeavingRoom, LEAVING_WORDS } from '@/lib/presence/departures/leaving-words';
import { DEPARTURE_MATCH_MS } from '@/lib/presence/departures/member-lifetime';
import { sendGoodbyeBeacon } from '@/lib/presence/goodbye';
import type { SubscriptionErrorPayload } from '@/lib/realtime-client/subscriptions/subscription-owner';
import type { ClientEventHandler, RawMember, RoomFeed } from './room-feed';

type RawMembers = { each(callback: (member: RawMember) => void): void };
type Sender = { user_id?: string };

function listOf(members: RawMembers): RawMember[] {
  const list: RawMember[] = [];
  members.each((member) => list.push({ id: String(member.id), info: member.info }));
  return list;
}

/** A room followed as a presence member: pusher-js's own member events, and client events from the server's user_id. */
export function memberFeed(channelName: string): RoomFeed {
  return {
    channelName,
    departureMatchMs: DEPARTURE_MATCH_MS,
    bindMembership(lease, sink) {
      const channel = lease.channel as PresenceChannel;
      const word = (_data: unknown, metadata?: Sender) => {
        if (metadata?.user_id) sink.leavingWord(metadata.user_id);
      };
      const unbind = bindEvents(channel, {
        'pusher:subscription_succeeded': (members: RawMembers) => sink.listed(listOf(members)),
        'pusher:subscription_error': (error: SubscriptionErrorPayload) => sink.refused(error),
        'pusher:member_added': (member: RawMember) => sink.added({ id: String(member.id), info: member.info }),
        'pusher:member_removed': (member: { id: string }) => sink.removed(String(member.id)),
        ...Object.fromEntries(LEAVING_WORDS.map((event) => [event, word])),
      });
      // Subscribed before this view was here (an early subscription, another view): pusher-js kept the list current.
      if (channel.subscribed) sink.listed(listOf(channel.members as RawMembers));
      // Refused before this view was here (a full room, entered with a click): as if heard now.
      else {
        const refusal = lease.refusal();
        if (refusal) sink.refused(refusal.error);
      }
      return unbind;
    },
    bindClientEvents(channel, handlers) {
      const bound = Object.fromEntries(
        Object.entries(handlers).map(([event, handler]: [string, ClientEventHandler]) => [
          event,
          (data: unknown, metadata?: Sender) => {
            // The sender's id comes from the server (metadata), never from the payload.
            if (metadata?.user_id) handler(data, metadata.user_id);
          },
        ]),
      );
      return bindEvents(channel, bound);
    },
    say(channel, event, data) {
      if (channel.subscribed) channel.trigger(event, data);
    },
    sayGoodbye(slug, goodbye) {
      sendGoodbyeBeacon(slug, goodbye);
    },
    // The room view is closing while the tab stays: the others need not hold us in their leave grace.
    farewell: announceLeavingRoom,
  };
}
