/** How many faces a room card shows; the count says how many more there are. */
export const LOBBY_AVATARS_SHOWN = 5;

export type OccupantSummary = { id: string; name: string; color: string };

/** Who is in a room right now, as the rooms page shows it and the `occupancy` event carries it. */
export type RoomOccupancy = {
  slug: string;
  count: number;
  people: OccupantSummary[];
  /** When the realtime server was asked (ms since epoch): a browser keeps the newest snapshot per room. */
  asOf: number;
};
