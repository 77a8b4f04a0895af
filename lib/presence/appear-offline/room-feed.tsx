'use client';

import { createContext, useContext, type ReactNode } from 'react';

/**
 * Which channel carries the room's events in this tab: its presence channel, or its watch channel while this
 * person appears offline. The chat listens where the room page says, so it never subscribes the presence
 * channel by itself (which would make a hidden person a member again).
 */
export type RoomFeed = { channelName: string; watching: boolean };

const RoomFeedContext = createContext<RoomFeed | null>(null);

export function RoomFeedProvider({ feed, children }: { feed: RoomFeed; children: ReactNode }) {
  return <RoomFeedContext.Provider value={feed}>{children}</RoomFeedContext.Provider>;
}

/** The room's feed; outside a room page's provider, the given presence channel. */
export function useRoomFeed(presenceChannelName: string): RoomFeed {
  return useContext(RoomFeedContext) ?? { channelName: presenceChannelName, watching: false };
}
