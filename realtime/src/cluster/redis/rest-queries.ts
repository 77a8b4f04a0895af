import type { App } from '../../app';
import { HttpError } from '../../errors';
import type { ChannelSummary } from '../state';
import type { RedisNodeContext } from './node-context';
import { describe } from './node-log';
import type { ScriptArg } from './scripts';

/** REST answers from Redis, each in one round trip (a user on two nodes counts once). */
export class RestQueries {
  constructor(private readonly node: RedisNodeContext) {}

  async channelSummaries(app: App, names: readonly string[]): Promise<Map<string, ChannelSummary>> {
    const counts = (await this.query('channel-counts', [app.id, ...names])) as number[];
    return new Map(names.map((name, i) => [name, { subscriptionCount: Number(counts[2 * i]), userCount: Number(counts[2 * i + 1]) }]));
  }

  async occupiedChannels(app: App, prefix: string): Promise<Map<string, ChannelSummary>> {
    const flat = (await this.query('channels', [app.id, prefix])) as (string | number)[];
    const result = new Map<string, ChannelSummary>();
    for (let i = 0; i + 2 < flat.length + 1; i += 3) {
      result.set(String(flat[i]), { subscriptionCount: Number(flat[i + 1]), userCount: Number(flat[i + 2]) });
    }
    return result;
  }

  async channelUsers(app: App, name: string): Promise<string[]> {
    try {
      return await this.node.command.hkeys(`${this.node.cluster.keyPrefix}ch:${app.id}:${name}:users`);
    } catch (error) {
      throw new HttpError(503, `cluster state unavailable: ${describe(error)}`);
    }
  }

  private async query(name: 'channels' | 'channel-counts', args: readonly ScriptArg[]): Promise<unknown> {
    try {
      return await this.node.run(name, args);
    } catch (error) {
      throw new HttpError(503, `cluster state unavailable: ${describe(error)}`);
    }
  }
}
