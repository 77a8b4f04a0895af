import { WebSocket } from 'ws';
import { APP } from './server';
import { withTimeout } from './wait';

export interface Frame {
  event: string;
  channel?: string;
  /** Parsed once more when it is a JSON string, like pusher-js does. */
  data: unknown;
  user_id?: string;
  raw: string;
}

export interface RawClientOptions {
  autoPong?: boolean;
  /** The loopback address to connect from (127.0.0.2 is another client address). */
  localAddress?: string;
  /** Extra handshake headers (X-Forwarded-For). */
  headers?: Record<string, string>;
}

/** A bare `ws` client speaking the protocol by hand, for hostile input and exact frames. */
export class RawClient {
  readonly frames: Frame[] = [];
  private waiters: { match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  socketId = '';

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('error', () => undefined);
    socket.on('message', (raw) => {
      const text = raw.toString();
      let parsed: { event: string; channel?: string; data?: unknown; user_id?: string };
      try {
        parsed = JSON.parse(text) as typeof parsed;
      } catch {
        return;
      }
      let data = parsed.data;
      if (typeof data === 'string') {
        try {
          data = JSON.parse(data);
        } catch {
          // plain string payload
        }
      }
      const frame: Frame = { event: parsed.event, channel: parsed.channel, data, user_id: parsed.user_id, raw: text };
      this.frames.push(frame);
      const waiter = this.waiters.find((w) => w.match(frame));
      if (waiter) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(frame);
      }
    });
  }

  /** Opens a socket; `path` defaults to the test app with protocol 7. */
  static open(port: number, path = `/app/${APP.key}?protocol=7&client=test&version=1.0`, options: RawClientOptions = {}): RawClient {
    return new RawClient(
      new WebSocket(`ws://127.0.0.1:${port}${path}`, {
        autoPong: options.autoPong ?? true,
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
        ...(options.headers === undefined ? {} : { headers: options.headers }),
      }),
    );
  }

  /** Opens and waits for pusher:connection_established. */
  static async connect(port: number, options: RawClientOptions = {}): Promise<RawClient> {
    const client = RawClient.open(port, undefined, options);
    const established = await client.next('pusher:connection_established');
    client.socketId = (established.data as { socket_id: string }).socket_id;
    return client;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next frame (already received or future) matching `event` (and `predicate`). */
  next(event: string, predicate: (frame: Frame) => boolean = () => true, timeoutMs?: number): Promise<Frame> {
    const match = (frame: Frame): boolean => frame.event === event && predicate(frame);
    const index = this.frames.findIndex(match);
    if (index >= 0) {
      const [frame] = this.frames.splice(index, 1);
      return Promise.resolve(frame as Frame);
    }
    return withTimeout<Frame>(`frame ${event}`, (resolve) => {
      const waiter = {
        match,
        resolve: (frame: Frame) => {
          this.frames.splice(this.frames.indexOf(frame), 1);
          resolve(frame);
        },
      };
      this.waiters.push(waiter);
      return () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
      };
    }, timeoutMs);
  }

  /** Frames of `event` received so far (without consuming them). */
  seen(event: string): Frame[] {
    return this.frames.filter((frame) => frame.event === event);
  }

  waitClose(timeoutMs?: number): Promise<{ code: number; reason: string }> {
    return withTimeout('socket close', (resolve) => {
      void this.closed.then(resolve);
    }, timeoutMs);
  }

  close(): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close();
  }
}
