'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { useRealtimeClient } from '@/lib/realtime-client/realtime-provider';
import { ROOM_ACCESS_REVOKED_EVENT } from './events';

/**
 * On the rooms page: when this person leaves a team or is removed from one, the page renders again from the
 * server, so that room shows locked and its lobby channel (who is inside) is left at once.
 */
export function useRefreshOnAccessRevoked(): void {
  const pusher = useRealtimeClient();
  const router = useRouter();
  useEffect(() => {
    if (!pusher) return;
    return bindEvents(pusher.user, { [ROOM_ACCESS_REVOKED_EVENT]: () => router.refresh() });
  }, [pusher, router]);
}
