import { WebSocket } from 'ws';
import { BENCH_APP } from './credentials';

export interface BenchFrame {
  event: string;
  channel?: string;
  /** As sent: a JSON string for Pusher events. */
  data?: unknown;
}

/** How long a single protocol step may take before the benchmark calls it a failure. */
export const STEP_TIMEOUT_MS = 15_000;

/**
 * A bare `ws` Pusher client for load generation: no pusher-js state machine, no reconnects.
 * `onFrame` sees parsed frames; `onRaw` (when set) sees the raw text first and may return true to
 * skip parsing (the broadcast workload counts frames without decoding them).
 */
export class BenchClient {
  socketId = '';
  onFrame: ((frame: BenchFrame) => void) | null = null;
  onRaw: ((text: string) => boolean) | null = null;
  private waiters: { match: (frame: BenchFrame) => boolean; resolve: (frame: BenchFrame) => void; timer: NodeJS.Timeout }[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw: Buffer) => this.receive(raw.toString('utf8')));
  }

  /** Connects and waits for `pusher:connection_established`. */
  static async connect(port: number): Promise<BenchClient> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/app/${BENCH_APP.key}?protocol=7&client=bench&version=1.0`, { perMessageDeflate: false });
    const client = new BenchClient(socket);
    const opened = new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('close', (code) => reject(new Error(`closed with ${code} before connection_established`)));
      void client.next((frame) => frame.event === 'pusher:connection_established').then((frame) => {
        client.socketId = (JSON.parse(frame.data as string) as { socket_id: string }).socket_id;
        resolve();
      }, reject);
    });
    await opened;
    socket.removeAllListeners('close');
    socket.removeAllListeners('error');
    socket.on('error', () => undefined);
    return client;
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Resolves with the next frame matching `match` (frames arriving before the call are not seen). */
  next(match: (frame: BenchFrame) => boolean, timeoutMs = STEP_TIMEOUT_MS): Promise<BenchFrame> {
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for a frame`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  close(): void {
    this.socket.terminate();
  }

  private receive(text: string): void {
    if (this.onRaw?.(text)) return;
    const frame = JSON.parse(text) as BenchFrame;
    this.onFrame?.(frame);
    if (this.waiters.length === 0) return;
    const index = this.waiters.findIndex((waiter) => waiter.match(frame));
    if (index < 0) return;
    const [waiter] = this.waiters.splice(index, 1);
    if (!waiter) return;
    clearTimeout(waiter.timer);
    waiter.resolve(frame);
  }
}

/** Opens `count` connections, at most `parallel` handshakes at a time. */
export async function connectMany(port: number, count: number, parallel = 50): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      clients.push(await BenchClient.connect(port));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return clients;
}

export function closeAll(clients: readonly BenchClient[]): void {
  for (const client of clients) client.close();
}
