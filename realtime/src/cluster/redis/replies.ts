import { asRecord } from '../../protocol/messages';
import type { WebhookEvent } from '../../webhooks/payload';
import { FIELD_SEPARATOR } from './bus-message';

/** user id → user_info JSON */
export type MemberList = Map<string, string>;

/** The `{"presence":{"ids","hash"}}` a subscribe acknowledgement carries. */
export function parsePresenceAck(text: string): MemberList {
  const presence = asRecord(asRecord(JSON.parse(text))?.presence);
  const hash = asRecord(presence?.hash) ?? {};
  return new Map(Object.entries(hash).map(([id, info]) => [id, JSON.stringify(info ?? {})]));
}

/** `members.lua`'s lists: [[app, channel, [id, info, id, info, …]], …] (cjson writes an empty list as {}). */
export function parseMemberLists(text: string): { appId: string; channel: string; members: MemberList }[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: unknown) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') return [];
    const flat: unknown[] = Array.isArray(entry[2]) ? (entry[2] as unknown[]) : [];
    const members: MemberList = new Map();
    for (let i = 0; i + 1 < flat.length; i += 2) members.set(String(flat[i]), String(flat[i + 1]));
    return [{ appId: entry[0], channel: entry[1], members }];
  });
}

/** A claimed webhook record: `app SEP event JSON SEP holdKey`; null when malformed. */
export function parseWebhookRecord(record: string): { appId: string; event: WebhookEvent } | null {
  const first = record.indexOf(FIELD_SEPARATOR);
  const second = first < 0 ? -1 : record.indexOf(FIELD_SEPARATOR, first + 1);
  if (second < 0) return null;
  try {
    const event = asRecord(JSON.parse(record.slice(first + 1, second)));
    if (!event || typeof event.name !== 'string' || typeof event.channel !== 'string') return null;
    return { appId: record.slice(0, first), event: event as unknown as WebhookEvent };
  } catch {
    return null;
  }
}
