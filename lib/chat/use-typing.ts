'use client';

import type { PresenceChannel } from 'pusher-js';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSubscriptions } from '@/lib/realtime-client/realtime-provider';
import { MESSAGE_EVENT, TYPING_CLIENT_EVENT } from './events';
import { TYPING_EXPIRY_MS, TYPING_SEND_INTERVAL_MS } from './limits';
import type { RoomFeed } from '@/lib/presence/feed/room-feed';

type Typist = { id: string; name: string; expiresAt: number };

/** A member's display name as the server signed it into the presence channel's user_info. */
function memberName(channel: PresenceChannel, id: string): string | null {
  const info: unknown = channel.members?.get(id)?.info;
  if (info && typeof info === 'object' && 'name' in info && typeof info.name === 'string') return info.name;
  return null;
}

/**
 * "X is typing…": this tab sends `client-typing` (throttled, see TYPING_SEND_INTERVAL_MS) while its user types,
 * and shows others for TYPING_EXPIRY_MS after their last one, or until their message arrives. Who is typing
 * comes from the server's `user_id` on the event, never from the payload. An onlooker (appearing offline, waiting
 * in a full room) sends nothing: the feed's `say` is silent there.
 */
export function useTyping(feed: RoomFeed, myId: string): { typists: string[]; notifyTyping: () => void } {
  const subscriptions = useSubscriptions();
  const channelRef = useRef<PresenceChannel | null>(null);
  const [typists, setTypists] = useState<Typist[]>([]);
  const lastSentRef = useRef(0);

  useEffect(() => {
    if (!subscriptions) return;
    const lease = subscriptions.hold(feed.channelName);
    const channel = lease.channel as PresenceChannel;
    channelRef.current = channel;
    const onTyping = (_data: unknown, id: string) => {
      if (id === myId) return;
      const name = memberName(channel, id);
      if (!name) return;
      const expiresAt = Date.now() + TYPING_EXPIRY_MS;
      setTypists((current) => [...current.filter((typist) => typist.id !== id), { id, name, expiresAt }]);
    };
    const onMessage = (data: unknown) => {
      const authorId = (data as { author?: { id?: unknown } } | null)?.author?.id;
      if (typeof authorId === 'string') setTypists((current) => current.filter((typist) => typist.id !== authorId));
    };
    const unbindTyping = feed.bindClientEvents(channel, { [TYPING_CLIENT_EVENT]: onTyping });
    channel.bind(MESSAGE_EVENT, onMessage);
    return () => {
      unbindTyping();
      channel.unbind(MESSAGE_EVENT, onMessage);
      channelRef.current = null;
      lease.release();
    };
  }, [subscriptions, feed, myId]);

  // Expire the earliest typist when their time is up; the effect re-arms for the next.
  useEffect(() => {
    if (typists.length === 0) return;
    const nextExpiry = Math.min(...typists.map((typist) => typist.expiresAt));
    const timer = setTimeout(
      () => setTypists((current) => current.filter((typist) => typist.expiresAt > Date.now())),
      Math.max(0, nextExpiry - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [typists]);

  const notifyTyping = useCallback(() => {
    const channel = channelRef.current;
    const now = Date.now();
    if (!channel?.subscribed || now - lastSentRef.current < TYPING_SEND_INTERVAL_MS) return;
    lastSentRef.current = now;
    feed.say(channel, TYPING_CLIENT_EVENT, {});
  }, [feed]);

  return { typists: typists.map((typist) => typist.name), notifyTyping };
}
