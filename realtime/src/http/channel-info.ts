import type { App } from '../app';
import type { ChannelSummary } from '../cluster/state';
import { HttpError } from '../errors';
import { channelKind } from '../protocol/channel-names';

export type InfoAttribute = 'user_count' | 'subscription_count';
const KNOWN_ATTRIBUTES: ReadonlySet<string> = new Set<InfoAttribute>(['user_count', 'subscription_count']);

/** Parses `info=a,b`; unknown attributes are a 400. */
export function parseInfo(raw: unknown): Set<InfoAttribute> {
  const result = new Set<InfoAttribute>();
  if (raw === undefined || raw === null || raw === '') return result;
  if (typeof raw !== 'string') throw new HttpError(400, 'info must be a comma-separated string');
  for (const part of raw.split(',')) {
    const attribute = part.trim();
    if (attribute === '') continue;
    if (!KNOWN_ATTRIBUTES.has(attribute)) throw new HttpError(400, `unknown info attribute "${attribute}"`);
    result.add(attribute as InfoAttribute);
  }
  return result;
}

/** The requested attributes of one channel (user_count only exists for presence channels). */
export function channelAttributes(name: string, summary: ChannelSummary | undefined, info: Set<InfoAttribute>): Record<string, number> {
  const attributes: Record<string, number> = {};
  if (info.has('user_count') && channelKind(name) === 'presence') attributes.user_count = summary?.userCount ?? 0;
  if (info.has('subscription_count')) attributes.subscription_count = summary?.subscriptionCount ?? 0;
  return attributes;
}

/** The requested attributes of each of `names`, in one shared-state query. */
export async function attributesOf(app: App, names: readonly string[], info: Set<InfoAttribute>): Promise<Map<string, Record<string, number>>> {
  const summaries = await app.state.channelSummaries(app, names);
  return new Map(names.map((name) => [name, channelAttributes(name, summaries.get(name), info)]));
}
