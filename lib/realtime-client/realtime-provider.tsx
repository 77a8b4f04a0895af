'use client';

import type Pusher from 'pusher-js';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { BrowserPusherOptions } from '@/lib/config';
import { createPusherClient } from './pusher-client';
import { reconnectAfterRevocation } from './reconnect-after-revocation';

const RealtimeContext = createContext<Pusher | null>(null);

/**
 * Owns this tab's one pusher-js connection. The client is created after mount (never during server
 * rendering) and disconnected on unmount; until then consumers get null. `roomSlug`: the room this tab shows,
 * if any (see reconnectAfterRevocation).
 */
export function RealtimeProvider({ options, roomSlug, children }: { options: BrowserPusherOptions; roomSlug?: string; children: ReactNode }) {
  const [client, setClient] = useState<Pusher | null>(null);
  const optionsKey = JSON.stringify(options);

  useEffect(() => {
    const pusher = createPusherClient(JSON.parse(optionsKey) as BrowserPusherOptions);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the client is an external resource created after mount
    setClient(pusher);
    const stopWatching = reconnectAfterRevocation(pusher, roomSlug);
    return () => {
      stopWatching();
      pusher.disconnect();
      setClient(null);
    };
  }, [optionsKey, roomSlug]);

  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}

/** This tab's pusher-js client, or null before it exists. */
export function useRealtimeClient(): Pusher | null {
  return useContext(RealtimeContext);
}
