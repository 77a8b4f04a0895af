import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { killGroup, spawnInRepo, type Spawned } from './process';

/** Redis and sentinels listen on a free block of loopback ports in 7100–7199 (the cluster tests' range). */
const FIRST_PORT = 7100;
const BLOCK_SIZE = 20;
const BLOCKS = 5;
const SENTINEL_COUNT = 3;
/** Sentinel declares the master down after this long without an answer (its default is 30 s). */
const DOWN_AFTER_MS = 1_000;
const FAILOVER_TIMEOUT_MS = 5_000;
export const MASTER_NAME = 'presently-test';
const POLL_MS = 50;

/** Null when redis-server or redis-sentinel is missing (the caller decides whether that may skip). */
export function findSentinelBinaries(): { server: string; sentinel: string } | null {
  try {
    const server = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
    const sentinel = execFileSync('sh', ['-c', 'command -v redis-sentinel'], { encoding: 'utf8' }).trim();
    return server && sentinel ? { server, sentinel } : null;
  } catch {
    return null;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The first port of a block whose master, replica and sentinel ports are all free (test files may run at once). */
async function freeBlock(): Promise<number> {
  const offset = Math.floor(Math.random() * BLOCKS);
  for (let i = 0; i < BLOCKS; i += 1) {
    const base = FIRST_PORT + ((offset + i) % BLOCKS) * BLOCK_SIZE;
    const ports = [base, base + 1, ...Array.from({ length: SENTINEL_COUNT }, (_, k) => base + 10 + k)];
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error(`no free block of ports in ${FIRST_PORT}-${FIRST_PORT + BLOCKS * BLOCK_SIZE - 1} for redis-server and redis-sentinel`);
}

async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null) return value;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function withClient<T>(port: number, ask: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await ask(redis);
  } finally {
    redis.disconnect();
  }
}

/** A master, one replica and three sentinels on loopback, started and stopped by one test file. */
export class TestSentinel {
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'presently-sentinel-'));
  private readonly servers = new Map<number, Spawned>();
  private readonly sentinels: Spawned[] = [];
  readonly masterPort: number;
  readonly replicaPort: number;
  readonly sentinelPorts: number[];

  private constructor(
    private readonly binaries: { server: string; sentinel: string },
    base: number,
  ) {
    this.masterPort = base;
    this.replicaPort = base + 1;
    this.sentinelPorts = Array.from({ length: SENTINEL_COUNT }, (_, i) => base + 10 + i);
  }

  static async start(binaries: { server: string; sentinel: string }): Promise<TestSentinel> {
    const set = new TestSentinel(binaries, await freeBlock());
    try {
      await set.startAll();
    } catch (error) {
      await set.close();
      throw error;
    }
    return set;
  }

  /** REALTIME_REDIS_SENTINELS for the nodes. */
  get sentinelList(): string {
    return this.sentinelPorts.map((port) => `127.0.0.1:${port}`).join(',');
  }

  /** Waits until every sentinel names `port` as the master (the +switch-master has happened). */
  async waitForMaster(port: number, timeoutMs: number): Promise<void> {
    for (const sentinel of this.sentinelPorts) {
      await poll(`sentinel ${sentinel} to name ${port} master`, timeoutMs, () =>
        withClient(sentinel, async (redis) => (Number(((await redis.call('SENTINEL', 'get-master-addr-by-name', MASTER_NAME)) as string[])[1]) === port ? true : null)),
      );
    }
  }

  /** SIGKILL of one redis-server (no persistence: it is gone with its data). */
  async kill(port: number): Promise<void> {
    const spawned = this.servers.get(port);
    if (!spawned) return;
    const exited = spawned.exited;
    killGroup(spawned);
    await exited;
    this.servers.delete(port);
  }

  async close(): Promise<void> {
    const all = [...this.sentinels, ...this.servers.values()];
    await Promise.all(
      all.map((spawned) => {
        const exited = spawned.exited;
        killGroup(spawned);
        return spawned.child.exitCode === null ? exited : Promise.resolve();
      }),
    );
    this.sentinels.length = 0;
    this.servers.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private startServer(port: number, extra: string[]): void {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, ...extra];
    this.servers.set(port, spawnInRepo(this.binaries.server, args, {}));
  }

  private async startAll(): Promise<void> {
    this.startServer(this.masterPort, []);
    await poll('the master', 10_000, () => withClient(this.masterPort, async (redis) => ((await redis.ping()) === 'PONG' ? true : null)));
    this.startServer(this.replicaPort, ['--replicaof', '127.0.0.1', String(this.masterPort)]);
    await poll('the replica in sync', 10_000, () => withClient(this.replicaPort, async (redis) => ((await redis.info('replication')).includes('master_link_status:up') ? true : null)));
    for (const port of this.sentinelPorts) {
      const file = path.join(this.dir, `sentinel-${port}.conf`);
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${this.dir}`,
          `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${this.masterPort} 2`,
          `sentinel down-after-milliseconds ${MASTER_NAME} ${DOWN_AFTER_MS}`,
          `sentinel failover-timeout ${MASTER_NAME} ${FAILOVER_TIMEOUT_MS}`,
          `sentinel parallel-syncs ${MASTER_NAME} 1`,
          '',
        ].join('\n'),
      );
      this.sentinels.push(spawnInRepo(this.binaries.sentinel, [file], {}));
    }
    // A failover needs every sentinel to know the replica and the other sentinels.
    for (const port of this.sentinelPorts) {
      await poll(`sentinel ${port} to see the replica and its peers`, 15_000, () =>
        withClient(port, async (redis) => {
          const replicas = (await redis.call('SENTINEL', 'replicas', MASTER_NAME)) as unknown[];
          const peers = (await redis.call('SENTINEL', 'sentinels', MASTER_NAME)) as unknown[];
          return replicas.length === 1 && peers.length === SENTINEL_COUNT - 1 ? true : null;
        }),
      );
    }
  }
}
