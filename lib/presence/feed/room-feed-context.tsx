'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { RoomFeed } from './room-feed';

/**
 * The room's feed for everything inside the room view (the chat listens where the room page says, so it never
 * subscribes the presence channel by itself, which would make a hidden person a member again).
 */
const RoomFeedContext = createContext<RoomFeed | null>(null);

export function RoomFeedProvider({ feed, children }: { feed: RoomFeed; children: ReactNode }) {
  return <RoomFeedContext.Provider value={feed}>{children}</RoomFeedContext.Provider>;
}

/** The room's feed; outside a room page's provider, `fallback`. */
export function useRoomFeed(fallback: RoomFeed): RoomFeed {
  return useContext(RoomFeedContext) ?? fallback;
}
