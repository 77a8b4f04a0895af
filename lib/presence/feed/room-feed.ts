import type { Channel } from 'pusher-js';
import type { ChannelLease, Farewell, SubscriptionErrorPayload } from '@/lib/realtime-client/subscriptions/subscription-owner';
import type { GoodbyeRequest } from '@/lib/presence/goodbye';

/** A member as a feed reports it: the info is parsed by the store (lib/presence/member-info-schema.ts). */
export type RawMember = { id: string; info: unknown };

/** What a feed tells the room's presence store, each fact from exactly one protocol event. */
export type MembershipSink = {
  /** The whole list, after every (re)subscription. */
  listed(members: RawMember[]): void;
  added(member: RawMember): void;
  /** The server says they left (member_removed, or its mirror). */
  removed(id: string): void;
  /** They said a leaving word (lib/presence/departures/leaving-words.ts). */
  leavingWord(id: string): void;
  /** The server refused the subscription (a full room, no access, briefly unavailable…). */
  refused(error: SubscriptionErrorPayload): void;
  /** The room cannot be followed, for the person to read. */
  failed(message: string): void;
};

/** A client event with its sender, as the server named them (pusher-js metadata, or the mirror's item). */
export type ClientEventHandler = (data: unknown, senderId: string) => void;

/**
 * How this tab follows a room: as a member on its presence channel (./member-feed.ts), or as an onlooker on its
 * onlooker channel, without being a member (./onlooker-feed.ts: appearing offline, waiting in a full room). Chosen once,
 * where the room view mounts (components/presence/presence-room.tsx); everything else asks the feed instead of
 * asking which one it is. Server events (messages, team changes, closed tabs) go to both channels: bound directly.
 */
export type RoomFeed = {
  readonly channelName: string;
  /** How far apart a leaving word and the server's removal may arrive here and still be one departure. */
  readonly departureMatchMs: number;
  /** Binds who comes and goes into the sink (with what is already known, if the channel is subscribed). */
  bindMembership(lease: ChannelLease, sink: MembershipSink): () => void;
  /** Binds client events (statuses, activity beacons, typing) with their sender. */
  bindClientEvents(channel: Channel, handlers: Record<string, ClientEventHandler>): () => void;
  /** Sends a client event as this person, where the room may hear them (never as an onlooker). */
  say(channel: Channel, event: string, data: unknown): void;
  /** A closing tab's goodbye through the app (lib/presence/goodbye.ts), where the room knows the tab. */
  sayGoodbye(slug: string, goodbye: GoodbyeRequest): void;
  /** Said right before the tab leaves the channel (subscription-owner.ts). */
  readonly farewell: Farewell | undefined;
};
