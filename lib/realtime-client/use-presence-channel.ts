'use client';

import type { PresenceChannel } from 'pusher-js';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { STATUS_UPDATED_EVENT } from '@/lib/presence/status-events';
import { initialPresenceState, presenceReducer, type PresenceMember, type PresenceState } from './presence-reducer';
import { parseMemberInfo } from './member-info-schema';
import { useRealtimeClient } from './realtime-provider';
import { fetchStatuses, statusStampSchema } from './status-api';
import { isNewerStatus, type StatusStamp } from './status-order';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { claimEarlySubscription } from './early-subscription';

/** The client event every tab sends on its room channel when its user's status changes. */
export const STATUS_CLIENT_EVENT = 'client-status-update';

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

/**
 * Subscribes to a presence channel on this tab's client and keeps who-is-here state. pusher-js resubscribes
 * by itself after a reconnect; each `subscription_succeeded` replaces the list (see presenceReducer).
 */
export function usePresenceChannel(channelName: string, me: PresenceMember): PresenceChannelApi {
  const pusher = useRealtimeClient();
  const [state, dispatch] = useReducer(presenceReducer, me, initialPresenceState);
  const channelRef = useRef<PresenceChannel | null>(null);
  const ownStampRef = useRef<StatusStamp>({ status: me.info.status, statusUpdatedAt: me.info.statusUpdatedAt });

  const publishOwnStatus = useCallback(
    (stamp: StatusStamp) => {
      if (!isNewerStatus(stamp, ownStampRef.current)) return;
      ownStampRef.current = stamp;
      dispatch({ type: 'status_update', id: me.id, stamp, highlight: false });
      const channel = channelRef.current;
      // When not subscribed, the others learn the new status from our user_info when we resubscribe.
      if (channel?.subscribed) channel.trigger(STATUS_CLIENT_EVENT, stamp);
    },
    [me.id],
  );

  useEffect(() => {
    if (!pusher) return;
    // The click into the room may have started the subscription already (see early-subscription.ts).
    claimEarlySubscription(pusher, channelName);
    const channel = pusher.subscribe(channelName) as PresenceChannel;
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
      dispatch({ type: 'subscription_succeeded', members: list });
      correctStatuses(list.map((member) => member.id));
    };
    const onFailed = (error: PusherErrorPayload) => {
      const status = error?.status;
      const message =
        status === 403 ? 'This room is for members only.' : status === 401 ? 'Your session has ended; sign in again.' : 'Could not join the room.';
      dispatch({ type: 'subscription_failed', message });
    };
    const onAdded = (member: RawMember) => dispatch({ type: 'member_added', member: toMember(member) });
    const onRemoved = (member: RawMember) => dispatch({ type: 'member_removed', id: String(member.id) });
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

    pusher.connection.bind('state_change', onConnectionChange);
    const unbindChannel = bindEvents(channel, {
      'pusher:subscription_succeeded': onSucceeded,
      'pusher:subscription_error': onFailed,
      'pusher:member_added': onAdded,
      'pusher:member_removed': onRemoved,
      [STATUS_CLIENT_EVENT]: onClientStatus,
    });
    const unbindUser = bindEvents(pusher.user, { [STATUS_UPDATED_EVENT]: onOwnStatus });
    // Subscribed before this page was here: pusher-js has kept the member list up to date meanwhile.
    if (channel.subscribed) onSucceeded(channel.members as RawMembers);

    return () => {
      unbindUser();
      pusher.connection.unbind('state_change', onConnectionChange);
      unbindChannel();
      pusher.unsubscribe(channelName);
      channelRef.current = null;
    };
  }, [pusher, channelName, publishOwnStatus, me.id]);

  return { state, publishOwnStatus };
}
