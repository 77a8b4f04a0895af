import { randomBytes } from 'node:crypto';
import PusherServer from 'pusher';
import { killGroup, spawnInRepo, waitForListening, type Spawned } from './process';
import { APP } from './server';

/** One realtime node process, started exactly like `npm run realtime` (own process group). */
export class ClusterNode {
  readonly rest: PusherServer;

  private constructor(
    readonly spawned: Spawned,
    readonly port: number,
  ) {
    this.rest = new PusherServer({ appId: APP.id, key: APP.key, secret: APP.secret, host: '127.0.0.1', port: String(port), useTLS: false });
  }

  static async start(redisUrl: string, keyPrefix: string, env: Record<string, string> = {}): Promise<ClusterNode> {
    const spawned = spawnInRepo(process.execPath, ['--max-semi-space-size=2', '--import', 'tsx', 'realtime/src/main.ts'], {
      PUSHER_APP_ID: APP.id,
      PUSHER_APP_KEY: APP.key,
      PUSHER_APP_SECRET: APP.secret,
      REALTIME_HOST: '127.0.0.1',
      REALTIME_PORT: '0',
      REALTIME_REDIS_URL: redisUrl,
      REALTIME_REDIS_KEY_PREFIX: keyPrefix,
      REALTIME_LOG_FORMAT: 'json',
      // Every test client connects from loopback (the per-address limits are tested in address-limits.test.ts).
      REALTIME_MAX_CONNECTIONS_PER_ADDRESS: '1000000',
      REALTIME_NEW_CONNECTIONS_PER_ADDRESS_PER_SECOND: '1000000',
      REALTIME_NEW_CONNECTION_BURST_PER_ADDRESS: '1000000',
      ...env,
    });
    try {
      return new ClusterNode(spawned, await waitForListening(spawned, 30_000));
    } catch (error) {
      killGroup(spawned);
      throw error;
    }
  }

  get pid(): number {
    return this.spawned.child.pid as number;
  }

  signal(signal: NodeJS.Signals): void {
    process.kill(this.pid, signal);
  }

  async up(): Promise<number> {
    try {
      return (await fetch(`http://127.0.0.1:${this.port}/up`)).status;
    } catch {
      return 0;
    }
  }

  /** Stops the process group (SIGKILL) and waits for the exit. */
  async kill(): Promise<void> {
    const exited = this.spawned.exited;
    killGroup(this.spawned);
    await exited;
  }

  /** Lines of the JSON log with this `event` field. */
  logEvents(event: string): Record<string, unknown>[] {
    return (this.spawned.stdout() + this.spawned.stderr())
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((fields) => fields.event === event);
  }
}

/** Starts `count` nodes over one Redis under a fresh key prefix (so runs never see each other). */
export async function startCluster(redisUrl: string, count: number, env: Record<string, string> = {}): Promise<ClusterNode[]> {
  const prefix = `test-${randomBytes(4).toString('hex')}:`;
  const started = await Promise.allSettled(Array.from({ length: count }, () => ClusterNode.start(redisUrl, prefix, env)));
  const nodes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(nodes.map((node) => node.kill()));
    throw (failure as PromiseRejectedResult).reason;
  }
  return nodes;
}

export async function stopCluster(nodes: readonly ClusterNode[]): Promise<void> {
  await Promise.all(nodes.map((node) => node.kill()));
}

/** GET /channels/{channel}/users through a node's REST API, sorted. */
export async function restUsers(node: ClusterNode, channel: string): Promise<string[]> {
  const body = (await (await node.rest.get({ path: `/channels/${channel}/users` })).json()) as { users: { id: string }[] };
  return body.users.map((user) => user.id).sort();
}
