import type { Webhooks } from '../../webhooks/webhooks';
import type { RedisNodeContext } from './node-context';
import type { ScriptArg } from './scripts';

/** No script of any node for this many heartbeats means Redis was out of reach (not that nodes died). */
const OUTAGE_HEARTBEATS = 2;

/**
 * `resync.lua`'s arguments: this node, its lease, the apps with webhooks (and their leave delay),
 * then every subscription this node really holds — Redis is made to hold exactly those.
 */
export function resyncArgs(node: RedisNodeContext, webhooks: Webhooks | null): { args: ScriptArg[]; subscriptions: number } {
  const webhookApps = webhooks?.webhookApps() ?? [];
  const args: ScriptArg[] = [node.id, node.cluster.leaseMs, outageMs(node), webhookApps.length];
  for (const appId of webhookApps) args.push(appId, webhooks?.leaveDelayMs ?? 0);
  let subscriptions = 0;
  for (const [appId, index] of node.indexes) {
    for (const channel of index.all()) {
      for (const [connection, member] of channel.subscriberEntries()) {
        args.push(appId, channel.name, connection.socketId, member?.userId ?? '', member?.infoJson ?? '');
        subscriptions += 1;
      }
    }
  }
  return { args, subscriptions };
}

/** Silence after which every live node's lease is extended by it (two heartbeats; `forgive_outage` in common.lua). */
export function outageMs(node: RedisNodeContext): number {
  return OUTAGE_HEARTBEATS * node.cluster.heartbeatMs;
}

/** `members.lua`'s arguments: this node and every presence channel it has subscribers in (null when none). */
export function reconcileArgs(node: RedisNodeContext): ScriptArg[] | null {
  const args: ScriptArg[] = [node.id];
  for (const [appId, index] of node.indexes) {
    for (const channel of index.all()) if (channel.kind === 'presence') args.push(appId, channel.name);
  }
  return args.length === 1 ? null : args;
}
