'use client';

import { useEffect } from 'react';
import { z } from 'zod';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { useRealtimeClient, useSubscriptions } from '@/lib/realtime-client/realtime-provider';
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
 * While this person waits in a full room (following it on its onlooker channel, see lib/rooms/channels.ts), holds
 * the refused presence channel and asks the server again whenever someone leaves (the onlooker channel's
 * `presence-mirror` member_removed) and every FULL_ROOM_RETRY_MS; `onPlace` runs once the server accepts: the
 * room page then holds the presence channel as a member again, and this hold is released in the same commit
 * (the subscription owner keeps the channel, whatever order the two effects run in).
 */
export function usePlaceInFullRoom(presenceChannelName: string, onlookerChannelName: string, waiting: boolean, onPlace: () => void): void {
  const pusher = useRealtimeClient();
  const subscriptions = useSubscriptions();

  useEffect(() => {
    if (!pusher || !subscriptions || !waiting) return;
    const presence = subscriptions.hold(presenceChannelName);
    const onlooker = subscriptions.hold(onlookerChannelName);
    let retryTimer: ReturnType<typeof setTimeout> | null = null;

    const onError = (error: SubscriptionErrorPayload) => {
      if (!isRoomFullError(error)) console.error('[full-room] could not join the room', error);
    };
    const ask = () => {
      if (presence.channel.subscribed) onPlace();
      else presence.askAgain();
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

    const unbindPresence = bindEvents(presence.channel, { 'pusher:subscription_succeeded': onPlace, 'pusher:subscription_error': onError });
    const unbindOnlooker = bindEvents(onlooker.channel, { [MIRROR_EVENT]: onMirror });
    askSoon(FULL_ROOM_RETRY_MS);

    return () => {
      if (retryTimer !== null) clearTimeout(retryTimer);
      unbindOnlooker();
      unbindPresence();
      // Still asking when this person leaves or turns on "Appear offline": the owner leaves the channel, and
      // pusher-js leaves a late acceptance at once.
      onlooker.release();
      presence.release();
    };
  }, [pusher, subscriptions, presenceChannelName, onlookerChannelName, waiting, onPlace]);
}
