import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

/** How long children get to exit after SIGTERM before they are killed. */
const STOP_GRACE_MS = 5_000;
/** How long a child may take to print its ready line. */
const READY_TIMEOUT_MS = 60_000;

export type ChildSpec = {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** When set, `start` resolves with the first capture group of the first output line that matches. */
  readyPattern?: RegExp;
};

export class ChildExitedError extends Error {
  constructor(readonly childName: string, readonly code: number | null, readonly signal: NodeJS.Signals | null) {
    super(`${childName} exited ${signal ? `on ${signal}` : `with code ${code}`}`);
    this.name = 'ChildExitedError';
  }
}

/**
 * Runs child processes as one unit: output is prefixed with each child's name, a signal to this process
 * stops them all, and when one exits the others are stopped and this process exits non-zero.
 */
export type SupervisorOptions = {
  /** Called once every child has exited after a stop; the launcher exits the process with the code. */
  onStopped?: (exitCode: number) => void;
  /** Where the prefixed child output goes. */
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
};

export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;
  private readonly onStopped: (exitCode: number) => void;
  private readonly stdout: NodeJS.WritableStream;
  private readonly stderr: NodeJS.WritableStream;

  constructor(options: SupervisorOptions = {}) {
    this.onStopped = options.onStopped ?? ((exitCode) => process.exit(exitCode));
    this.stdout = options.stdout ?? process.stdout;
    this.stderr = options.stderr ?? process.stderr;
  }

  /** The process id of a running child, if any. */
  pid(name: string): number | undefined {
    return this.children.get(name)?.pid;
  }

  /** Stops every child on Ctrl-C or SIGTERM to this process. */
  stopOnSignals(): this {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => void this.stopAll(0));
    }
    return this;
  }

  async runToCompletion(name: string, command: string, args: string[], env: Record<string, string>): Promise<number> {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    this.children.set(name, child);
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  }

  start(spec: ChildSpec): Promise<string> {
    const child = spawn(spec.command, spec.args, {
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.set(spec.name, child);

    return new Promise((resolve, reject) => {
      let ready = !spec.readyPattern;
      const timer = spec.readyPattern
        ? setTimeout(() => reject(new Error(`${spec.name} did not become ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS)
        : undefined;
      const onLine = (stream: NodeJS.WritableStream) => (line: string) => {
        stream.write(`[${spec.name}] ${line}\n`);
        const match = !ready && spec.readyPattern ? spec.readyPattern.exec(line) : null;
        if (match) {
          ready = true;
          clearTimeout(timer);
          resolve(match[1] ?? line);
        }
      };
      readline.createInterface({ input: child.stdout! }).on('line', onLine(this.stdout));
      readline.createInterface({ input: child.stderr! }).on('line', onLine(this.stderr));

      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        this.children.delete(spec.name);
        if (this.stopping) return;
        const failure = new ChildExitedError(spec.name, code, signal);
        if (!ready) reject(failure);
        this.stderr.write(`[presently] ${failure.message}; stopping the rest\n`);
        void this.stopAll(code === 0 ? 1 : (code ?? 1));
      });
      if (ready) resolve(spec.name);
    });
  }

  /** Stops every child (SIGTERM, then SIGKILL after a grace period) and reports `exitCode` once all are gone. */
  async stopAll(exitCode: number): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      const exits = [...this.children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
            child.once('exit', () => {
              clearTimeout(killTimer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      );
      await Promise.all(exits);
      this.onStopped(exitCode);
    }
  }
}
