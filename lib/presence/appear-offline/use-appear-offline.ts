'use client';

import { useCallback, useEffect, useState } from 'react';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { useRealtimeClient } from '@/lib/realtime-client/realtime-provider';
import { APPEAR_OFFLINE_CHANGED_EVENT, appearOfflineSchema } from './events';
import { announceGoingOffline } from '@/lib/presence/departures/leaving-words';

const ENDPOINT = '/api/me/appear-offline';

export class AppearOfflineRequestError extends Error {
  constructor(status: number) {
    super(`Could not save "Appear offline" (HTTP ${status}).`);
    this.name = 'AppearOfflineRequestError';
  }
}

async function request(init?: RequestInit): Promise<boolean> {
  const response = await fetch(ENDPOINT, init);
  if (!response.ok) throw new AppearOfflineRequestError(response.status);
  return appearOfflineSchema.parse(await response.json()).appearOffline;
}

export type AppearOfflineApi = {
  /** In force: what this tab does (follows rooms as a member, or on their onlooker channels). */
  appearOffline: boolean;
  /** While saving, the value asked for (the switch shows it at once); otherwise null. */
  requested: boolean | null;
  saving: boolean;
  error: string | null;
  setAppearOffline: (on: boolean) => void;
};

/**
 * This person's "Appear offline" setting, live across their tabs: changed here (saved first, then applied),
 * or in another tab (the `appear-offline-changed` user event), and re-read whenever the connection comes
 * back, in case that event was sent while this tab was away.
 */
export function useAppearOffline(initial: boolean, presenceChannelName: string): AppearOfflineApi {
  const pusher = useRealtimeClient();
  const [appearOffline, setAppearOfflineState] = useState(initial);
  // Turning it on: tell the room first, so everyone drops us at once rather than after the leave grace.
  const setState = useCallback(
    (next: boolean) => {
      if (next && pusher) announceGoingOffline(pusher, presenceChannelName);
      setAppearOfflineState(next);
    },
    [pusher, presenceChannelName],
  );
  const [requested, setRequested] = useState<boolean | null>(null);
  const saving = requested !== null;
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!pusher) return;
    const onChanged = (data: unknown) => {
      const parsed = appearOfflineSchema.safeParse(data);
      if (parsed.success) setState(parsed.data.appearOffline);
    };
    let wasConnected = pusher.connection.state === 'connected';
    const onStateChange = ({ current }: { current: string }) => {
      if (current === 'connected' && !wasConnected) {
        request().then(setState, (failure: unknown) => console.error('[appear-offline] could not re-read the setting', failure));
      }
      wasConnected = current === 'connected';
    };
    pusher.connection.bind('state_change', onStateChange);
    const unbind = bindEvents(pusher.user, { [APPEAR_OFFLINE_CHANGED_EVENT]: onChanged });
    return () => {
      unbind();
      pusher.connection.unbind('state_change', onStateChange);
    };
  }, [pusher, setState]);

  const setAppearOffline = useCallback((on: boolean) => {
    setRequested(on);
    setError(null);
    request({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appearOffline: on }) })
      .then(setState, (failure: unknown) => setError(failure instanceof Error ? failure.message : 'Could not save.'))
      .finally(() => setRequested(null));
  }, [setState]);

  return { appearOffline, requested, saving, error, setAppearOffline };
}
