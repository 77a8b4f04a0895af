import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { withTimeout } from './wait';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns a command in the repo root, in its own process group, capturing output. */
export function spawnInRepo(command: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits for `realtime listening on ws://HOST:PORT` and returns the port. */
export function waitForListening(spawned: Spawned, timeoutMs = 15_000): Promise<number> {
  return withTimeout<number>('realtime listening line', (resolve, reject) => {
    const check = (): void => {
      const match = /^realtime listening on ws:\/\/127\.0\.0\.1:(\d+)$/m.exec(spawned.stdout());
      if (match?.[1]) resolve(Number(match[1]));
    };
    const timer = setInterval(check, 25);
    void spawned.exited.then(({ code }) => reject(new Error(`exited early with ${code}: ${spawned.stderr()}`)));
    return () => clearInterval(timer);
  }, timeoutMs);
}

/** Best-effort cleanup of a spawned group (only ours, by its process group id). */
export function killGroup(spawned: Spawned): void {
  if (spawned.child.pid === undefined || spawned.child.exitCode !== null) return;
  try {
    process.kill(-spawned.child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
