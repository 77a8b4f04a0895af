'use client';

import { useEffect } from 'react';
import type { Channel } from 'pusher-js';
import { z } from 'zod';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { useRealtimeClient } from '@/lib/realtime-client/realtime-provider';
import { MIRROR_EVENT } from '@/lib/presence/appear-offline/mirror-events';
import { isRoomFullError, type SubscriptionErrorPayload } from './room-full-error';

/**
 * Without news of anyone leaving (no webhooks configured, or a mirror event missed), a full room is tried
 * again this often. Each try costs one channel authorization, so it is not frequent.
 */
export const FULL_ROOM_RETRY_MS = 15_000;
/**
 * When someone leaves, every waiting person tries at once; a random wait up to this spreads the tries (one
 * of them gets the place, the others are refused and keep waiting).
 */
export const FULL_ROOM_RETRY_JITTER_MS = 1_000;

const removalSchema = z.object({ items: z.array(z.object({ type: z.string() })) });

/**
 * While this person waits in a full room (following it on its watch channel, see lib/rooms/channels.ts), asks
 * the presence channel again whenever someone leaves (the watch channel's `presence-mirror` member_removed) and
 * every FULL_ROOM_RETRY_MS; `onPlace` runs once the server accepts: the presence subscription is then open and
 * the room page follows it as a member again.
 *
 * pusher-js keeps a channel refused by the server marked pending, so `pusher.subscribe()` would send nothing:
 * `channel.disconnect()` + `channel.subscribe()` sends a fresh `pusher:subscribe`, as in
 * lib/realtime-client/retry-unavailable-subscription.ts.
 */
export function usePlaceInFullRoom(presenceChannelName: string, watchChannelName: string, waiting: boolean, onPlace: () => void): void {
  const pusher = useRealtimeClient();

  useEffect(() => {
    if (!pusher || !waiting) return;
    let active = true;
    let probe: Channel | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;

    const onSucceeded = () => {
      if (active) onPlace();
      else pusher.unsubscribe(presenceChannelName);
    };
    const onError = (error: SubscriptionErrorPayload) => {
      if (!isRoomFullError(error)) console.error('[full-room] could not join the room', error);
    };
    const ask = () => {
      if (!active || pusher.connection.state !== 'connected') return;
      const existing = pusher.channel(presenceChannelName);
      if (existing?.subscribed) return onSucceeded();
      if (probe === null) probe = existing ?? pusher.subscribe(presenceChannelName);
      probe.bind('pusher:subscription_succeeded', onSucceeded);
      probe.bind('pusher:subscription_error', onError);
      probe.disconnect();
      probe.subscribe();
    };
    const askSoon = (delayMs: number) => {
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        retryTimer = null;
        ask();
        askSoon(FULL_ROOM_RETRY_MS);
      }, delayMs);
    };
    const onMirror = (data: unknown) => {
      const parsed = removalSchema.safeParse(data);
      if (parsed.success && parsed.data.items.some((item) => item.type === 'member_removed')) askSoon(Math.random() * FULL_ROOM_RETRY_JITTER_MS);
    };

    const watch = pusher.channel(watchChannelName) ?? null;
    const unbindWatch = watch ? bindEvents(watch, { [MIRROR_EVENT]: onMirror }) : () => undefined;
    askSoon(FULL_ROOM_RETRY_MS);

    return () => {
      active = false;
      if (retryTimer !== null) clearTimeout(retryTimer);
      unbindWatch();
      // Still asking (this person left, or turned on "Appear offline"): a late acceptance is left at once by pusher-js.
      if (probe?.subscriptionPending) pusher.unsubscribe(presenceChannelName);
      if (probe) {
        probe.unbind('pusher:subscription_succeeded', onSucceeded);
        probe.unbind('pusher:subscription_error', onError);
      }
    };
  }, [pusher, presenceChannelName, watchChannelName, waiting, onPlace]);
}
