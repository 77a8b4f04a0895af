import type { Connection } from '../../connection/connection';
import { encodeMessage } from '../../protocol/messages';
import type { ClusterChannel } from './local-channels';
import type { RedisNodeContext } from './node-context';
import { parseMemberLists } from './replies';

/** `subscription_succeeded` from the list this node's clients were shown (or the list Redis sent). */
export function sendSucceeded(connection: Connection, channel: ClusterChannel, presenceData: string | null): void {
  let data = '{}';
  if (channel.kind === 'presence') {
    if (presenceData !== null) data = presenceData;
    else {
      const hash = Object.create(null) as Record<string, unknown>;
      for (const [id, info] of channel.view) hash[id] = JSON.parse(info) as unknown;
      data = JSON.stringify({ presence: { ids: [...channel.view.keys()], hash, count: channel.view.size } });
    }
  }
  connection.send(encodeMessage({ event: 'pusher_internal:subscription_succeeded', channel: channel.name, data }));
}

/** Brings what local clients were shown in line with `list` (user id → info JSON). */
export function applyList(channel: ClusterChannel, list: ReadonlyMap<string, string>): void {
  for (const userId of [...channel.view.keys()]) {
    if (!list.has(userId)) channel.showMemberRemoved(userId);
  }
  for (const [userId, infoJson] of list) channel.showMemberAdded(userId, infoJson, null);
}

/** Reconciliation: `members.lua`'s lists, applied to the channels this node still has. */
export function applyMemberLists(node: RedisNodeContext, text: string): void {
  for (const { appId, channel: name, members } of parseMemberLists(text)) {
    const app = node.apps?.findById(appId);
    const channel = app ? node.index(app).get(name) : undefined;
    if (channel) applyList(channel, members);
  }
}
