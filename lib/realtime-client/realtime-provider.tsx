'use client';

import type Pusher from 'pusher-js';
import { usePathname } from 'next/navigation';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BrowserPusherOptions } from '@/lib/config';
import { createPusherClient } from './pusher-client';
import { reconnectAfterRevocation } from './reconnect-after-revocation';
import { isReconnectScheduled, reconnectWithBackoff } from './reconnect-with-backoff';
import { SubscriptionOwner } from './subscriptions/subscription-owner';

type Realtime = { pusher: Pusher; subscriptions: SubscriptionOwner };

const RealtimeContext = createContext<Realtime | null>(null);

const ROOM_PATH = /^\/rooms\/([^/]+)$/;

/** The room a path shows, if any (`/rooms/{slug}`). */
export function roomSlugFromPath(pathname: string | null): string | undefined {
  const match = pathname ? ROOM_PATH.exec(pathname) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/**
 * Owns this tab's one pusher-js connection for the whole signed-in app: it sits in the (app) layout, so moving
 * between the rooms page and rooms keeps the connection (and its sign-in) and only subscribes and unsubscribes
 * channels. The client is created after mount (never during server rendering) and disconnected on unmount;
 * until then consumers get null.
 */
export function RealtimeProvider({ options, children }: { options: BrowserPusherOptions; children: ReactNode }) {
  const [realtime, setRealtime] = useState<Realtime | null>(null);
  const client = realtime?.pusher ?? null;
  const optionsKey = JSON.stringify(options);
  const pathname = usePathname();
  // Read when a revocation arrives, so that navigating never rebuilds the connection.
  const roomSlugRef = useRef<string | undefined>(roomSlugFromPath(pathname));

  useEffect(() => {
    roomSlugRef.current = roomSlugFromPath(pathname);
    // A tab left disconnected on purpose (it showed a room its user was removed from) is live again elsewhere.
    if (client?.connection.state === 'disconnected' && !isReconnectScheduled(client)) client.connect();
  }, [pathname, client]);

  useEffect(() => {
    const pusher = createPusherClient(JSON.parse(optionsKey) as BrowserPusherOptions);
    const subscriptions = new SubscriptionOwner(pusher);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the client is an external resource created after mount
    setRealtime({ pusher, subscriptions });
    const stopReconnecting = reconnectWithBackoff(pusher);
    const stopReconnectAfterRevocation = reconnectAfterRevocation(pusher, () => roomSlugRef.current);
    return () => {
      stopReconnectAfterRevocation();
      stopReconnecting();
      subscriptions.dispose();
      pusher.disconnect();
      setRealtime(null);
    };
  }, [optionsKey]);

  return <RealtimeContext.Provider value={realtime}>{children}</RealtimeContext.Provider>;
}

/** This tab's pusher-js client, or null before it exists. Channels come from useSubscriptions, never from it. */
export function useRealtimeClient(): Pusher | null {
  return useContext(RealtimeContext)?.pusher ?? null;
}

/** The owner of this tab's channel subscriptions (hold a channel, release it), or null before the client exists. */
export function useSubscriptions(): SubscriptionOwner | null {
  return useContext(RealtimeContext)?.subscriptions ?? null;
}
