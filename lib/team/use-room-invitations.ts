'use client';

import { useCallback, useEffect, useState } from 'react';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { useRealtimeClient } from '@/lib/realtime-client/realtime-provider';
import { fetchRoomInvitations, type RoomInvitationPayload } from './api-client';
import { TEAM_INVITATIONS_CHANGED_EVENT } from './events';

const NONE: RoomInvitationPayload[] = [];

/**
 * A business room's pending invitations, for its admins: read on mount and again whenever the room's channel
 * says they changed (an admin invited or revoked, an invitee answered). Nothing is read for other members.
 */
export function useRoomInvitations(slug: string, channelName: string, amAdmin: boolean): RoomInvitationPayload[] {
  const pusher = useRealtimeClient();
  const [invitations, setInvitations] = useState<RoomInvitationPayload[]>(NONE);
  const reread = useCallback(() => {
    fetchRoomInvitations(slug).then(setInvitations, (error: unknown) => console.error('[team] could not read the invitations', error));
  }, [slug]);

  useEffect(() => {
    if (!amAdmin) return;
    reread();
    const channel = pusher?.channel(channelName);
    if (!channel) return;
    return bindEvents(channel, { [TEAM_INVITATIONS_CHANGED_EVENT]: reread, 'pusher:subscription_succeeded': reread });
  }, [pusher, channelName, amAdmin, reread]);

  return amAdmin ? invitations : NONE;
}
