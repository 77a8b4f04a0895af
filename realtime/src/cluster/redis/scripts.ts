import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { ClusterStateError } from '../../errors';

/** Every atomic step of the cluster, one Lua file each (`lua/<name>.lua`). */
export const SCRIPT_NAMES = [
  'subscribe',
  'leave',
  'heartbeat',
  'resync',
  'reap',
  'deregister',
  'claim-webhooks',
  'ack-webhooks',
  'channels',
  'channel-counts',
  'members',
  'watch-signin',
  'watch-signout',
  'watch-status',
  'watch-reap',
  'publish-cached',
] as const;
export type ScriptName = (typeof SCRIPT_NAMES)[number];
export type ScriptArg = string | number | Buffer;

/**
 * Where the .lua files are: beside this module under tsx/vitest (`src/cluster/redis/lua`), or, in
 * the esbuild bundle (`realtime/dist/main.mjs`), back in the source tree it was built from.
 */
function luaDirectory(): string {
  const candidates = [new URL('./lua/', import.meta.url), new URL('../src/cluster/redis/lua/', import.meta.url)].map((url) => fileURLToPath(url));
  const found = candidates.find((dir) => existsSync(`${dir}common.lua`));
  if (found === undefined) {
    throw new ClusterStateError(`cannot find the cluster's Lua scripts; looked in ${candidates.join(' and ')}`);
  }
  return found;
}

interface LoadedScript {
  source: string;
  sha: string | null;
}

/**
 * The Lua scripts, read once at start (each prefixed with `common.lua`'s helpers), run with
 * EVALSHA and re-sent with EVAL when Redis lost its script cache (a restart).
 */
export class ClusterScripts {
  private readonly scripts: ReadonlyMap<ScriptName, LoadedScript>;

  constructor(private readonly prefix: string) {
    const dir = luaDirectory();
    const common = readFileSync(`${dir}common.lua`, 'utf8');
    this.scripts = new Map(SCRIPT_NAMES.map((name) => [name, { source: `${common}\n${readFileSync(`${dir}${name}.lua`, 'utf8')}`, sha: null }]));
  }

  async run(redis: Redis, name: ScriptName, args: readonly ScriptArg[]): Promise<unknown> {
    const script = this.scripts.get(name) as LoadedScript;
    const argv = [this.prefix, ...args];
    if (script.sha !== null) {
      try {
        return await redis.evalsha(script.sha, 0, ...argv);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      }
    }
    script.sha = (await redis.script('LOAD', script.source)) as string;
    return redis.evalsha(script.sha, 0, ...argv);
  }
}
