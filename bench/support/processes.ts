import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

/** One process the bench started, in its own process group so that stopping it stops its children too. */
export type Started = { name: string; pid: number; stop: () => Promise<void>; exited: Promise<number | null> };

const READY_POLL_MS = 100;
const STOP_GRACE_MS = 5_000;

export class BenchProcessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchProcessError';
  }
}

export function portAccepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts `command` with its output in `logDir/name.log`, and resolves once `port` accepts connections (or, with
 * `readyUrl`, answers an HTTP request).
 */
export async function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  port: number;
  readyUrl?: string;
  logDir: string;
  timeoutMs: number;
}): Promise<Started> {
  // A leftover server on the port would be measured instead of the one started here.
  if (options.port > 0 && (await portAccepts(options.port))) throw new BenchProcessError(`port ${options.port} is already in use`);
  mkdirSync(options.logDir, { recursive: true });
  const log = createWriteStream(path.join(options.logDir, `${options.name}.log`), { flags: 'a' });
  const child: ChildProcess = spawn(options.command, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Both streams feed one file: neither may end it for the other.
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const pid = child.pid;
  if (pid === undefined) throw new BenchProcessError(`${options.name} did not start`);
  let alive = true;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      alive = false;
      resolve(code);
    }),
  );
  const stop = async () => {
    if (!alive) return;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    kill('SIGTERM');
    const timer = setTimeout(() => kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (!alive) throw new BenchProcessError(`${options.name} exited before it was ready (see ${options.logDir}/${options.name}.log)`);
    if (await isReady(options.port, options.readyUrl)) return { name: options.name, pid, stop, exited };
    await sleep(READY_POLL_MS);
  }
  await stop();
  throw new BenchProcessError(`${options.name} was not ready within ${options.timeoutMs / 1000} s`);
}

async function isReady(port: number, readyUrl?: string): Promise<boolean> {
  if (!(await portAccepts(port))) return false;
  if (!readyUrl) return true;
  try {
    const response = await fetch(readyUrl, { redirect: 'manual' });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}
