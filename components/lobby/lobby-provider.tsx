'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { RoomOccupancy } from '@/lib/lobby/occupancy-types';
import { useLobby } from '@/lib/lobby/use-lobby';

const LobbyContext = createContext<Map<string, RoomOccupancy> | null>(null);

export type LobbyProviderProps = {
  /** The lobby channels this user may follow (see lib/lobby/channels.ts). */
  channels: string[];
  /** Occupancy when the page was rendered, from the realtime server's REST API. */
  initial: RoomOccupancy[];
  children: ReactNode;
};

/** The rooms page's realtime side: follows the lobby channels on the tab's connection, never joining a room. */
export function LobbyProvider({ channels, initial, children }: LobbyProviderProps) {
  const occupancy = useLobby(channels, initial);
  return <LobbyContext.Provider value={occupancy}>{children}</LobbyContext.Provider>;
}

/** One room's live occupancy, or null outside a LobbyProvider or for a room it does not follow. */
export function useRoomOccupancy(slug: string): RoomOccupancy | null {
  return useContext(LobbyContext)?.get(slug) ?? null;
}
