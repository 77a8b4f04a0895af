'use client';

import { useCallback, useEffect, useState } from 'react';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { useSubscriptions } from '@/lib/realtime-client/realtime-provider';
import { fetchRoomInvitations, type RoomInvitationPayload } from './api-client';
import { TEAM_INVITATIONS_CHANGED_EVENT } from './events';

const NONE: RoomInvitationPayload[] = [];

/**
 * A business room's pending invitations, for its admins: read on mount and again whenever the room's channel
 * says they changed (an admin invited or revoked, an invitee answered). Nothing is read for other members.
 */
export function useRoomInvitations(slug: string, channelName: string, amAdmin: boolean): RoomInvitationPayload[] {
  const subscriptions = useSubscriptions();
  const [invitations, setInvitations] = useState<RoomInvitationPayload[]>(NONE);
  const reread = useCallback(() => {
    fetchRoomInvitations(slug).then(setInvitations, (error: unknown) => console.error('[team] could not read the invitations', error));
  }, [slug]);

  useEffect(() => {
    if (!amAdmin) return;
    reread();
    if (!subscriptions) return;
    const lease = subscriptions.hold(channelName);
    const unbind = bindEvents(lease.channel, { [TEAM_INVITATIONS_CHANGED_EVENT]: reread, 'pusher:subscription_succeeded': reread });
    return () => {
      unbind();
      lease.release();
    };
  }, [subscriptions, channelName, amAdmin, reread]);

  return amAdmin ? invitations : NONE;
}
