'use client';

import { useCallback, useEffect, useState } from 'react';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { useRealtimeClient } from '@/lib/realtime-client/realtime-provider';
import { fetchMyInvitations, type MyInvitationPayload } from './api-client';
import { TEAM_INVITATIONS_CHANGED_EVENT } from './events';

export type MyInvitations = { invitations: MyInvitationPayload[]; reread: () => void };

/**
 * The invitations waiting for this person's answer: server-rendered, then re-read whenever their user channel
 * says they changed (a new one, one revoked, one answered in another tab) and after every reconnect.
 */
export function useMyInvitations(initial: MyInvitationPayload[]): MyInvitations {
  const pusher = useRealtimeClient();
  const [invitations, setInvitations] = useState(initial);
  const reread = useCallback(() => {
    fetchMyInvitations().then(setInvitations, (error: unknown) => console.error('[team] could not read your invitations', error));
  }, []);

  useEffect(() => {
    if (!pusher) return;
    const onState = ({ current }: { current: string }) => {
      if (current === 'connected') reread();
    };
    pusher.connection.bind('state_change', onState);
    const unbindUser = bindEvents(pusher.user, { [TEAM_INVITATIONS_CHANGED_EVENT]: reread });
    return () => {
      pusher.connection.unbind('state_change', onState);
      unbindUser();
    };
  }, [pusher, reread]);

  return { invitations, reread };
}
