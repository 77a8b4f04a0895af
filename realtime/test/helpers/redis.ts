import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { spawnInRepo, type Spawned } from './process';
import { MissingCiServiceError, runningInCi } from './required-in-ci';

/** Cluster tests start their own redis-server on a free loopback port in this range. */
const REDIS_PORT_FIRST = 6380;
const REDIS_PORT_LAST = 6389;

/** How the cluster tests get a Redis, or why they cannot (then they skip with that one line, except in CI). */
export type RedisSource = { kind: 'binary'; binary: string } | { kind: 'url'; url: string } | { kind: 'none'; reason: string };

/** Where a Redis is; in CI (CI=true) a missing one throws MissingCiServiceError, so the file fails instead of skipping. */
export function findRedis(): RedisSource {
  const source = lookForRedis();
  if (source.kind === 'none' && runningInCi()) throw new MissingCiServiceError('redis-server (on PATH) or REALTIME_TEST_REDIS_URL');
  return source;
}

function lookForRedis(): RedisSource {
  try {
    const binary = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
    if (binary !== '') return { kind: 'binary', binary };
  } catch {
    // not on PATH: try the URL
  }
  const url = process.env.REALTIME_TEST_REDIS_URL?.trim();
  if (url) return { kind: 'url', url };
  return { kind: 'none', reason: 'cluster tests need redis-server on PATH or REALTIME_TEST_REDIS_URL (.ci/run provides both)' };
}

/** A Redis for one test file: our own process (restartable), or the one at REALTIME_TEST_REDIS_URL. */
export class TestRedis {
  private process: Spawned | null = null;

  private constructor(
    readonly url: string,
    private readonly port: number,
    private readonly binary: string | null,
  ) {}

  static async start(source: RedisSource): Promise<TestRedis> {
    if (source.kind === 'none') throw new Error(source.reason);
    if (source.kind === 'url') return new TestRedis(source.url, 0, null);
    const port = await freePort();
    const redis = new TestRedis(`redis://127.0.0.1:${port}`, port, source.binary);
    await redis.startProcess();
    return redis;
  }

  /** Whether stop/start really stop the server (false with an external Redis). */
  get restartable(): boolean {
    return this.binary !== null;
  }

  /** SIGKILL: no persistence, so it comes back empty. An external Redis is flushed and its clients dropped instead. */
  async stop(): Promise<void> {
    if (this.process) {
      await this.close();
      return;
    }
    const admin = new Redis(this.url);
    try {
      await admin.flushall();
      await admin.client('KILL', 'TYPE', 'normal');
      await admin.client('KILL', 'TYPE', 'pubsub');
    } finally {
      admin.disconnect();
    }
  }

  async startAgain(): Promise<void> {
    if (this.binary !== null) await this.startProcess();
  }

  async close(): Promise<void> {
    if (this.process) {
      const exited = this.process.exited;
      killSpawned(this.process);
      await exited;
      this.process = null;
    }
  }

  private async startProcess(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'];
    this.process = spawnInRepo(this.binary as string, args, {});
    await waitForPing(this.url, this.process);
  }
}

function killSpawned(spawned: Spawned): void {
  if (spawned.child.pid === undefined || spawned.child.exitCode !== null) return;
  try {
    process.kill(-spawned.child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function waitForPing(url: string, spawned: Spawned): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (spawned.child.exitCode !== null) throw new Error(`redis-server exited: ${spawned.stdout()}${spawned.stderr()}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis-server at ${url} did not answer PING`);
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A loopback port in 6380–6389 nobody listens on (test files running at once take different ones). */
async function freePort(): Promise<number> {
  const offset = Math.floor(Math.random() * (REDIS_PORT_LAST - REDIS_PORT_FIRST + 1));
  for (let i = 0; i <= REDIS_PORT_LAST - REDIS_PORT_FIRST; i += 1) {
    const port = REDIS_PORT_FIRST + ((offset + i) % (REDIS_PORT_LAST - REDIS_PORT_FIRST + 1));
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${REDIS_PORT_FIRST}-${REDIS_PORT_LAST} for redis-server`);
}

