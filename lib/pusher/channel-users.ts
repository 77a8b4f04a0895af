import { z } from 'zod';
import { getPusher } from './server';

/**
 * Reads from the realtime server's REST API (Pusher HTTP API: GET /channels, GET /channels/{name}/users), the
 * source of truth for who is in which presence channel, whichever replica asks.
 */
const channelsResponseSchema = z.object({
  channels: z.record(z.string(), z.object({ user_count: z.number().int().nonnegative().optional() })),
});
const usersResponseSchema = z.object({ users: z.array(z.object({ id: z.union([z.string(), z.number()]) })) });

export class RealtimeRestError extends Error {
  constructor(path: string, status: number) {
    super(`GET ${path} answered HTTP ${status}`);
    this.name = 'RealtimeRestError';
  }
}

async function restGet<T>(path: string, params: Record<string, string>, schema: z.ZodType<T>): Promise<T> {
  const response = await getPusher().get({ path, params });
  if (!response.ok) throw new RealtimeRestError(path, response.status);
  return schema.parse(await response.json());
}

/** The occupied channels whose names start with this prefix, with their user counts when asked for. */
export async function occupiedChannels(prefix: string, withUserCount = false): Promise<Record<string, { user_count?: number }>> {
  const params: Record<string, string> = { filter_by_prefix: prefix, ...(withUserCount ? { info: 'user_count' } : {}) };
  return (await restGet('/channels', params, channelsResponseSchema)).channels;
}

/** The ids of everyone in a presence channel now. */
export async function channelUserIds(channel: string): Promise<string[]> {
  const { users } = await restGet(`/channels/${encodeURIComponent(channel)}/users`, {}, usersResponseSchema);
  return users.map((user) => String(user.id));
}
