import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

/**
 * Child processes for the load-balanced e2e: each in its own process group (so a stop reaches everything it
 * spawned, e.g. npm → tsx → node), output to a log file, stopped by group id only.
 */
const POLL_MS = 250;
const STOP_GRACE_MS = 8_000;

export class HarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}

export type Started = { name: string; child: ChildProcess; pid: number; log: string };

export function startGroup(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; logDir: string },
): Started {
  const log = path.join(options.logDir, `${name}.log`);
  const out = createWriteStream(log);
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  if (child.pid === undefined) throw new HarnessError(`${name}: could not start ${command}`);
  return { name, child, pid: child.pid, log };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** Signals the group, then SIGKILLs it after a grace period; resolves once no process of the group is left. */
export async function stopGroup(pid: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!groupAlive(pid)) return;
  process.kill(-pid, signal);
  const deadline = Date.now() + STOP_GRACE_MS;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(POLL_MS);
  if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
  while (groupAlive(pid)) await sleep(POLL_MS);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Fails if something already listens there: a leftover from another run must not be tested by mistake. */
export async function assertPortFree(port: number): Promise<void> {
  if (await portAccepts(port)) throw new HarnessError(`port ${port} is already in use; is another load-balanced e2e run going?`);
}

async function until(what: string, started: Started, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new HarnessError(`${started.name} exited before ${what} (see ${started.log})`);
    if (await check()) return;
    await sleep(POLL_MS);
  }
  throw new HarnessError(`${started.name}: no ${what} within ${timeoutMs / 1000} s (see ${started.log})`);
}

export function waitForPort(started: Started, port: number, timeoutMs: number): Promise<void> {
  return until(`port ${port}`, started, timeoutMs, () => portAccepts(port));
}

export function waitForHttpOk(started: Started, url: string, timeoutMs: number): Promise<void> {
  return until(`200 from ${url}`, started, timeoutMs, async () => {
    try {
      return (await fetch(url)).ok;
    } catch (error) {
      if (error instanceof TypeError) return false; // fetch failed: not listening yet
      throw error;
    }
  });
}
