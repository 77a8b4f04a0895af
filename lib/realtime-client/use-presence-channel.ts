'use client';

import type { PresenceChannel } from 'pusher-js';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { STATUS_CLIENT_EVENT, STATUS_UPDATED_EVENT } from '@/lib/presence/status-events';
import { initialPresenceState, presenceReducer, type PresenceMember, type PresenceState } from './presence-reducer';
import { parseMemberInfo } from './member-info-schema';
import { useRealtimeClient, useSubscriptions } from './realtime-provider';
import { fetchStatuses, statusStampSchema } from './status-api';
import { isNewerStatus, type StatusStamp } from './status-order';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { useGraceExpiry } from '@/lib/presence/use-leave-grace';
import { LEAVE_GRACE_MS, readLeaveGraceMs } from '@/lib/presence/leave-grace';
import { GOING_OFFLINE_CLIENT_EVENT } from '@/lib/presence/appear-offline/going-offline';
import { announceLeavingRoom, LEAVING_ROOM_CLIENT_EVENT } from '@/lib/presence/leaving-room';
import { bindWatchFeed } from '@/lib/presence/appear-offline/watch-feed';
import { isRoomFullError } from '@/lib/rooms/full-room/room-full-error';

export { STATUS_CLIENT_EVENT };

type RawMember = { id: string; info: unknown };
type RawMembers = { each(callback: (member: RawMember) => void): void };
type PusherErrorPayload = { type?: string; error?: string; status?: number };

function toMember(raw: RawMember): PresenceMember {
  return { id: String(raw.id), info: parseMemberInfo(raw.info) };
}

export type PresenceChannelApi = {
  state: PresenceState;
  /** Applies your own new status here and tells the room, once per change (your other tabs may repeat it). */
  publishOwnStatus: (stamp: StatusStamp) => void;
};

export type PresenceChannelOptions = {
  /**
   * Set while this person appears offline: `channelName` is then the room's watch channel, followed without
   * being a member (see lib/presence/appear-offline/watch-feed.ts), and nothing is sent on it.
   */
  watchSlug?: string | null;
  /**
   * Called instead of showing a failure when the server refuses the subscription because the room is full
   * (lib/rooms/full-room/room-full-error.ts); the room page then follows the room on its watch channel.
   */
  onFull?: () => void;
};

/**
 * Subscribes to a presence channel on this tab's client and keeps who-is-here state. pusher-js resubscribes
 * by itself after a reconnect; each `subscription_succeeded` replaces the list (see presenceReducer).
 */
export function usePresenceChannel(channelName: string, me: PresenceMember, options: PresenceChannelOptions = {}): PresenceChannelApi {
  const watchSlug = options.watchSlug ?? null;
  const pusher = useRealtimeClient();
  const subscriptions = useSubscriptions();
  const [state, dispatch] = useReducer(presenceReducer, me, (self) =>
    initialPresenceState(self, typeof window === 'undefined' ? LEAVE_GRACE_MS : readLeaveGraceMs(window.localStorage)),
  );
  const channelRef = useRef<PresenceChannel | null>(null);
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
      const channel = channelRef.current;
      // When not subscribed, the others learn the new status from our user_info when we resubscribe. Someone
      // appearing offline tells nobody (client events on a watch channel would reach its other watchers).
      if (channel?.subscribed && !watchSlug) channel.trigger(STATUS_CLIENT_EVENT, stamp);
    },
    [me.id, watchSlug],
  );

  useEffect(() => {
    if (!pusher || !subscriptions) return;
    // The click into the room may have started the subscription already, and the view may have been here a moment
    // ago (React's development double run): the owner keeps it either way (subscriptions/subscription-owner.ts).
    const lease = subscriptions.hold(channelName);
    const channel = lease.channel as PresenceChannel;
    channelRef.current = channel;
    dispatch({ type: 'subscribing' });

    const correctStatuses = (ids: string[]) => {
      fetchStatuses(ids).then(
        (statuses) => dispatch({ type: 'status_corrections', statuses }),
        (error: unknown) => console.error('[presence] could not correct statuses', error),
      );
    };
    const onSucceeded = (members: RawMembers) => {
      const list: PresenceMember[] = [];
      members.each((member) => list.push(toMember(member)));
      dispatch({ type: 'subscription_succeeded', members: list, at: Date.now() });
      correctStatuses(list.map((member) => member.id));
    };
    const onFailed = (error: PusherErrorPayload) => {
      const onFull = onFullRef.current;
      if (onFull && isRoomFullError(error)) {
        onFull();
        return;
      }
      const status = error?.status;
      const message =
        status === 403
          ? 'This room is for members only.'
          : status === 401
            ? 'Your session has ended; sign in again.'
            : status === 503
              ? 'The room is briefly unavailable; joining again shortly…'
              : 'Could not join the room.';
      dispatch({ type: 'subscription_failed', message });
    };
    const onAdded = (member: RawMember) => dispatch({ type: 'member_added', member: toMember(member) });
    const onRemoved = (member: { id: string }) => dispatch({ type: 'member_removed', id: String(member.id), at: Date.now() });
    const onClientStatus = (data: unknown, metadata?: { user_id?: string }) => {
      const stamp = statusStampSchema.safeParse(data);
      // The sender's id comes from the server (metadata), never from the payload.
      if (!stamp.success || !metadata?.user_id) return;
      // Our own change, sent by another of our tabs in this room: the room already has it, so do not repeat it.
      if (metadata.user_id === me.id && isNewerStatus(stamp.data, ownStampRef.current)) ownStampRef.current = stamp.data;
      dispatch({ type: 'status_update', id: metadata.user_id, stamp: stamp.data, highlight: metadata.user_id !== me.id });
    };
    const onOwnStatus = (data: unknown) => {
      const stamp = statusStampSchema.safeParse(data);
      if (stamp.success) publishOwnStatus(stamp.data);
    };

    // While disconnected the list is only the last known one; the next subscription_succeeded replaces it.
    const onConnectionChange = ({ current }: { current: string }) => {
      if (current !== 'connected') dispatch({ type: 'subscribing' });
    };

    const onGoingOffline = (_data: unknown, metadata?: { user_id?: string }) => {
      if (metadata?.user_id) dispatch({ type: 'member_gone', id: metadata.user_id });
    };
    const onLeavingRoom = (_data: unknown, metadata?: { user_id?: string }) => {
      if (metadata?.user_id) dispatch({ type: 'member_leaving', id: metadata.user_id, at: Date.now() });
    };
    // Following the room without being a member: the list comes from the app, without us (the reducer keeps us).
    const onWatchedMembers = (members: RawMember[]) => {
      dispatch({ type: 'subscription_succeeded', members: members.map(toMember), at: Date.now() });
    };

    pusher.connection.bind('state_change', onConnectionChange);
    const unbindMembership = watchSlug
      ? bindWatchFeed(channel, watchSlug, {
          onMembers: onWatchedMembers,
          onAdded,
          onRemoved,
          onFailed: (message) => dispatch({ type: 'subscription_failed', message }),
        })
      : bindEvents(channel, {
          'pusher:subscription_succeeded': onSucceeded,
          'pusher:subscription_error': onFailed,
          'pusher:member_added': onAdded,
          'pusher:member_removed': onRemoved,
          [GOING_OFFLINE_CLIENT_EVENT]: onGoingOffline,
          [LEAVING_ROOM_CLIENT_EVENT]: onLeavingRoom,
        });
    const unbindChannel = bindEvents(channel, { [STATUS_CLIENT_EVENT]: onClientStatus });
    const unbindUser = bindEvents(pusher.user, { [STATUS_UPDATED_EVENT]: onOwnStatus });
    // Subscribed before this page was here: pusher-js has kept the member list up to date meanwhile.
    if (channel.subscribed && !watchSlug) onSucceeded(channel.members as RawMembers);
    // Refused before this page was here (a full room, entered with a click): handled as if heard now.
    else if (lease.refusal() && !watchSlug) onFailed(lease.refusal()?.error as PusherErrorPayload);

    return () => {
      unbindUser();
      pusher.connection.unbind('state_change', onConnectionChange);
      unbindChannel();
      unbindMembership();
      channelRef.current = null;
      // The room view is closing while the tab stays (another room, the rooms list): not a reload, so the others
      // need not hold us in their leave grace. Sent before the unsubscribe, on the same socket, so it arrives first.
      lease.release(watchSlug ? undefined : announceLeavingRoom);
    };
  }, [pusher, subscriptions, channelName, publishOwnStatus, me.id, watchSlug]);

  const expireGrace = useCallback((now: number) => dispatch({ type: 'grace_expired', now }), []);
  useGraceExpiry(state.leaving, state.graceMs, expireGrace);

  return { state, publishOwnStatus };
}
