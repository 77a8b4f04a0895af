import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REALTIME_NODE_FLAGS } from '../../src/node-flags';
import { answers, isFree, OURS_BUNDLE, oursEnv, REPO_ROOT, soketiScript } from '../support/servers';

/** Redis for the benchmark takes a free loopback port in this range (the project's range for throwaway Redis). */
const REDIS_PORTS = { from: 6380, to: 6389 };
/** Realtime nodes take free ports from here. */
const NODE_PORTS = { from: 21_000, to: 39_000 };
const READY_TIMEOUT_MS = 60_000;
/** With BENCH_CLUSTER_CPU_PROF_DIR, nodes run with --cpu-prof and get this long to exit on SIGTERM (the profile is written then). */
const GRACEFUL_STOP_MS = 10_000;

/** A process this benchmark started, in its own process group, stopped by pid. */
export interface Proc {
  pid: number;
  port: number;
  /** SIGKILL to the group; resolves when it exited. */
  kill(): Promise<void>;
}

/** Process groups still running: killed if the benchmark itself exits early (a crash must not leave nodes or Redis behind). */
const running = new Set<number>();
process.once('exit', () => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function launch(command: string, args: string[], env: Record<string, string>, port: number, graceful = false): { child: ChildProcess; proc: Proc; output: () => string } {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${command} did not start`);
  running.add(pid);
  void exited.then(() => running.delete(pid));
  const proc: Proc = {
    pid,
    port,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (graceful) {
        // A CPU profile is written only on a clean exit.
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, GRACEFUL_STOP_MS))]);
        if (child.exitCode !== null || child.signalCode !== null) return;
      }
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    },
  };
  return { child, proc, output: () => output };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await check())) {
    if (child.exitCode !== null) throw new Error(`${what} exited: ${output()}`);
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${READY_TIMEOUT_MS} ms: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startRedis(): Promise<Proc> {
  const binary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (binary === '') throw new Error('the cluster benchmark needs redis-server on PATH');
  const port = await freePort(REDIS_PORTS);
  const { child, proc, output } = launch(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {}, port);
  await waitFor('redis-server', () => /Ready to accept connections/.test(output()), child, output);
  return proc;
}

/** One node of ours from the production bundle; with `redisPort`, a cluster node. */
export async function startOurNode(redisPort: number | null, keyPrefix: string): Promise<Proc> {
  const port = await freePort(NODE_PORTS);
  const profileDir = process.env.BENCH_CLUSTER_CPU_PROF_DIR;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const { child, proc, output } = launch(process.execPath, [...REALTIME_NODE_FLAGS, ...profile, '--enable-source-maps', OURS_BUNDLE], {
    ...oursEnv(port),
    ...(redisPort === null ? {} : { REALTIME_REDIS_URL: `redis://127.0.0.1:${redisPort}`, REALTIME_REDIS_KEY_PREFIX: keyPrefix }),
  }, port, profileDir !== undefined);
  await waitFor('realtime node', () => output().includes('realtime listening on'), child, output);
  return proc;
}

/** One soketi 1.6.1 node over Redis through the peer script (`cluster-node.sh PORT REDIS_PORT`). */
export async function startSoketiNode(redisPort: number): Promise<Proc> {
  // Beside the single-server peer script (`$BENCH_SOKETI_SCRIPT` or ../shared/peers/soketi/run.sh).
  const script = process.env.BENCH_SOKETI_CLUSTER_SCRIPT ?? path.join(path.dirname(soketiScript()), 'cluster-node.sh');
  if (!existsSync(script)) throw new Error(`soketi cluster script not found at ${script}`);
  const port = await freePort(NODE_PORTS, [3600, 5001]);
  const { child, proc, output } = launch('sh', [script, String(port), String(redisPort)], {}, port);
  await waitFor('soketi node', async () => answers(port), child, output);
  return proc;
}

async function freePort(range: { from: number; to: number }, offsets: number[] = []): Promise<number> {
  const size = range.to - range.from + 1;
  const start = Math.floor(Math.random() * size);
  for (let i = 0; i < size; i += 1) {
    const port = range.from + ((start + i) % size);
    if ((await Promise.all([port, ...offsets.map((offset) => port + offset)].map(isFree))).every(Boolean)) return port;
  }
  throw new Error(`no free port in ${range.from}-${range.to}`);
}
