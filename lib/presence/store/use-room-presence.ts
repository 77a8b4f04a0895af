'use client';

import type { Channel } from 'pusher-js';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { STATUS_CLIENT_EVENT, STATUS_UPDATED_EVENT } from '@/lib/presence/status/status-events';
import { fetchStatuses, statusStampSchema } from '@/lib/presence/status/status-api';
import { isNewerStatus, type StatusStamp } from '@/lib/presence/status/status-order';
import { parseMemberInfo } from '@/lib/presence/member-info-schema';
import { LEAVE_GRACE_MS, readLeaveGraceMs, useGraceExpiry } from '@/lib/presence/departures/member-lifetime';
import type { RawMember, RoomFeed } from '@/lib/presence/feed/room-feed';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { useRealtimeClient, useSubscriptions } from '@/lib/realtime-client/realtime-provider';
import type { SubscriptionErrorPayload } from '@/lib/realtime-client/subscriptions/subscription-owner';
import { isRoomFullError } from '@/lib/rooms/full-room/room-full-error';
import { initialPresenceState, presenceReducer, type PresenceMember, type PresenceState } from './presence-reducer';

function toMember(raw: RawMember): PresenceMember {
  return { id: String(raw.id), info: parseMemberInfo(raw.info) };
}

/** What the person reads when the server refuses the room. */
function refusalMessage(error: SubscriptionErrorPayload): string {
  const status = error?.status;
  if (status === 403) return 'This room is for members only.';
  if (status === 401) return 'Your session has ended; sign in again.';
  if (status === 503) return 'The room is briefly unavailable; joining again shortly…';
  return 'Could not join the room.';
}

export type RoomPresenceApi = {
  state: PresenceState;
  /** Applies your own new status here and tells the room, once per change (your other tabs may repeat it). */
  publishOwnStatus: (stamp: StatusStamp) => void;
};

export type RoomPresenceOptions = {
  /**
   * Called instead of showing a failure when the server refuses the subscription because the room is full
   * (lib/rooms/full-room/room-full-error.ts); the room page then follows the room on its onlooker channel.
   */
  onFull?: () => void;
};

/**
 * The room's one presence store: the pure reducer (./presence-reducer.ts) fed by the room's feed (member or
 * onlooker, lib/presence/feed/room-feed.ts), each protocol event bound once. It holds the channel from the
 * subscription owner for as long as the view shows the room; pusher-js resubscribes by itself after a reconnect,
 * and each fresh list replaces the last (see presenceReducer). The leave grace's timer is the lifetime machine's
 * (lib/presence/departures/member-lifetime.ts).
 */
export function useRoomPresence(feed: RoomFeed, me: PresenceMember, options: RoomPresenceOptions = {}): RoomPresenceApi {
  const pusher = useRealtimeClient();
  const subscriptions = useSubscriptions();
  const [state, dispatch] = useReducer(presenceReducer, me, (self) =>
    initialPresenceState(self, typeof window === 'undefined' ? LEAVE_GRACE_MS : readLeaveGraceMs(window.localStorage)),
  );
  const channelRef = useRef<Channel | null>(null);
  const ownStampRef = useRef<StatusStamp>({ status: me.info.status, statusUpdatedAt: me.info.statusUpdatedAt });
  const onFullRef = useRef(options.onFull);
  useEffect(() => {
    onFullRef.current = options.onFull;
  }, [options.onFull]);

  const publishOwnStatus = useCallback(
    (stamp: StatusStamp) => {
      if (!isNewerStatus(stamp, ownStampRef.current)) return;
      ownStampRef.current = stamp;
      dispatch({ type: 'status_update', id: me.id, stamp, highlight: false });
      // When not subscribed, the others learn the new status from our user_info when we resubscribe.
      const channel = channelRef.current;
      if (channel) feed.say(channel, STATUS_CLIENT_EVENT, stamp);
    },
    [me.id, feed],
  );

  useEffect(() => {
    if (!pusher || !subscriptions) return;
    // The click into the room may have started the subscription already, and the view may have been here a moment
    // ago (React's development double run): the owner keeps it either way (subscriptions/subscription-owner.ts).
    const lease = subscriptions.hold(feed.channelName);
    const channel = lease.channel;
    channelRef.current = channel;
    dispatch({ type: 'subscribing', departureMatchMs: feed.departureMatchMs });

    const correctStatuses = (ids: string[]) => {
      fetchStatuses(ids).then(
        (statuses) => dispatch({ type: 'status_corrections', statuses }),
        (error: unknown) => console.error('[presence] could not correct statuses', error),
      );
    };
    const unbindMembership = feed.bindMembership(lease, {
      listed: (raw) => {
        const members = raw.map(toMember);
        dispatch({ type: 'subscription_succeeded', members, at: Date.now() });
        correctStatuses(members.map((member) => member.id));
      },
      added: (member) => dispatch({ type: 'member_added', member: toMember(member) }),
      removed: (id) => dispatch({ type: 'member_removed', id, at: Date.now() }),
      leavingWord: (id) => dispatch({ type: 'member_leaving', id, at: Date.now() }),
      refused: (error) => {
        const onFull = onFullRef.current;
        if (onFull && isRoomFullError(error)) onFull();
        else dispatch({ type: 'subscription_failed', message: refusalMessage(error) });
      },
      failed: (message) => dispatch({ type: 'subscription_failed', message }),
    });
    const onClientStatus = (data: unknown, senderId: string) => {
      const stamp = statusStampSchema.safeParse(data);
      if (!stamp.success) return;
      // Our own change, sent by another of our tabs in this room: the room already has it, so do not repeat it.
      if (senderId === me.id && isNewerStatus(stamp.data, ownStampRef.current)) ownStampRef.current = stamp.data;
      dispatch({ type: 'status_update', id: senderId, stamp: stamp.data, highlight: senderId !== me.id });
    };
    const unbindClient = feed.bindClientEvents(channel, { [STATUS_CLIENT_EVENT]: onClientStatus });
    const onOwnStatus = (data: unknown) => {
      const stamp = statusStampSchema.safeParse(data);
      if (stamp.success) publishOwnStatus(stamp.data);
    };
    const unbindUser = bindEvents(pusher.user, { [STATUS_UPDATED_EVENT]: onOwnStatus });
    // While disconnected the list is only the last known one; the next fresh list replaces it.
    const onConnectionChange = ({ current }: { current: string }) => {
      if (current !== 'connected') dispatch({ type: 'subscribing' });
    };
    pusher.connection.bind('state_change', onConnectionChange);

    return () => {
      pusher.connection.unbind('state_change', onConnectionChange);
      unbindUser();
      unbindClient();
      unbindMembership();
      channelRef.current = null;
      // Said before the unsubscribe, on the same socket, so it arrives first (the member feed's leaving word).
      lease.release(feed.farewell);
    };
  }, [pusher, subscriptions, feed, publishOwnStatus, me.id]);

  const expireGrace = useCallback((now: number) => dispatch({ type: 'grace_expired', now }), []);
  useGraceExpiry(state.lifetimes.leaving, state.graceMs, expireGrace);

  return { state, publishOwnStatus };
}
