import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ChildExitedError, Supervisor } from './supervisor';

/** A real child process that prints `ready` after a short delay and runs until signalled. */
const LONG_RUNNING = ['-e', "setTimeout(() => console.log('ready on tcp://x:1'), 50); setInterval(() => {}, 1000)"];
const PROCESS_GONE_TIMEOUT_MS = 5_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
});

async function pidOf(supervisor: Supervisor, name: string): Promise<number> {
  const pid = supervisor.pid(name);
  expect(pid).toBeTypeOf('number');
  started.push(pid!);
  return pid!;
}

describe('Supervisor', () => {
  it('resolves start() with the ready line capture and prefixes child output', async () => {
    const out = collect();
    const supervisor = new Supervisor({ onStopped: () => undefined, stdout: out.stream, stderr: out.stream });
    const url = await supervisor.start({ name: 'svc', command: process.execPath, args: LONG_RUNNING, env: {}, readyPattern: /ready on (\S+)/ });
    expect(url).toBe('tcp://x:1');
    expect(out.text()).toContain('[svc] ready on tcp://x:1');
    await pidOf(supervisor, 'svc');
    await supervisor.stopAll(0);
  });

  it('stops the others and reports failure when one child dies', async () => {
    const out = collect();
    const stopped = new Promise<number>((resolve) => {
      const supervisor = new Supervisor({ onStopped: resolve, stdout: out.stream, stderr: out.stream });
      void (async () => {
        await supervisor.start({ name: 'a', command: process.execPath, args: LONG_RUNNING, env: {}, readyPattern: /ready/ });
        await supervisor.start({ name: 'b', command: process.execPath, args: LONG_RUNNING, env: {}, readyPattern: /ready/ });
        const a = await pidOf(supervisor, 'a');
        const b = await pidOf(supervisor, 'b');
        process.kill(a, 'SIGKILL');
        void b;
      })();
    });
    const exitCode = await stopped;
    expect(exitCode).not.toBe(0);
    expect(out.text()).toMatch(/\[presently\] a exited on SIGKILL; stopping the rest/);
    const deadline = Date.now() + PROCESS_GONE_TIMEOUT_MS;
    while (started.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(started.filter(isAlive)).toEqual([]);
  });

  it('rejects start() when the child exits before it is ready', async () => {
    const out = collect();
    const supervisor = new Supervisor({ onStopped: () => undefined, stdout: out.stream, stderr: out.stream });
    const failing = supervisor.start({ name: 'broken', command: process.execPath, args: ['-e', "console.error('boom'); process.exit(3)"], env: {}, readyPattern: /ready/ });
    await expect(failing).rejects.toBeInstanceOf(ChildExitedError);
    await expect(failing).rejects.toThrow('broken exited with code 3');
    expect(out.text()).toContain('[broken] boom');
  });

  it('stopAll() ends every child with SIGTERM and reports the given code', async () => {
    let reported: number | undefined;
    const out = collect();
    const supervisor = new Supervisor({ onStopped: (code) => (reported = code), stdout: out.stream, stderr: out.stream });
    await supervisor.start({ name: 'svc', command: process.execPath, args: LONG_RUNNING, env: {}, readyPattern: /ready/ });
    const pid = await pidOf(supervisor, 'svc');
    await supervisor.stopAll(0);
    expect(reported).toBe(0);
    expect(isAlive(pid)).toBe(false);
  });
});
