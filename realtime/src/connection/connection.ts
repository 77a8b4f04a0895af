import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import type { App } from '../app';
import type { LocalChannel } from '../channels/channel';
import { CloseCode } from '../errors';
import { errorMessage } from '../protocol/messages';
import { encodeTextMessage } from '../protocol/ws-frame';
import { ActivityMonitor, type ActivityTarget } from './activity';
import { RateLimiter } from './rate-limit';
import { writeCoalescer } from './write-coalescer';

/** After we send a close frame, how long the peer gets to answer before its socket is destroyed. */
export const CLOSE_HANDSHAKE_TIMEOUT_MS = 1_000;

export interface SignedInUser {
  id: string;
  /** `user_info` from the signed user_data, used for presence without channel_data. */
  info: unknown;
  /** The exact user_data string that was signed. */
  userData: string;
}

export interface ConnectionOptions {
  maxBufferedBytes: number;
  /** Called once when the connection is torn down (gives its place back to its address). */
  onTeardown?: () => void;
}

const NOT_AUTHORIZED_IN_TIME = 'Connection not authorized within timeout';

/**
 * One client WebSocket: its identity, subscriptions, signed-in user and timers. All state lives
 * here (nothing is attached to the ws object). Teardown runs exactly once, whether the server
 * closes the connection or the client goes away, and it leaves every channel synchronously.
 */
export class Connection implements ActivityTarget {
  readonly subscriptions = new Map<string, LocalChannel>();
  /** Channels asked for and not answered yet (a cluster answers after a Redis round trip): they count against the limit. */
  readonly subscribing = new Set<string>();
  user: SignedInUser | null = null;
  private clientEventLimiter: RateLimiter | null = null;
  private subscribeLimiter: RateLimiter | null = null;
  private readonly activity: ActivityMonitor;
  /** Authorized connections: closes the connection unless it signs in or joins a private/presence channel in time. */
  private authorizationTimer: NodeJS.Timeout | null = null;
  private open = true;
  /** The TCP socket under the WebSocket. */
  private readonly raw: Duplex;

  constructor(
    readonly socketId: string,
    readonly app: App,
    private readonly socket: WebSocket,
    private readonly options: ConnectionOptions,
  ) {
    this.raw = rawSocketOf(socket);
    const limits = app.config.limits;
    // The connection is its own activity target: no per-connection closures (memory per idle connection counts).
    this.activity = new ActivityMonitor(this, limits.activityTimeoutMs, limits.pongTimeoutMs);
    if (app.config.authorizedConnections) {
      this.authorizationTimer = setTimeout(refuseUnauthorized, limits.authorizationTimeoutMs, this);
      this.authorizationTimer.unref();
    }
  }

  /** It signed in or was authorized for a private/presence channel: an authorized connection from now on. */
  markAuthorized(): void {
    if (this.authorizationTimer === null) return;
    clearTimeout(this.authorizationTimer);
    this.authorizationTimer = null;
  }

  /** The client-event token bucket, made on first use (most connections never send one). */
  get clientEvents(): RateLimiter {
    this.clientEventLimiter ??= new RateLimiter(this.app.config.limits.clientEventsPerSecond);
    return this.clientEventLimiter;
  }

  /** The subscribe token bucket, made on first use; it holds a whole re-subscription after a reconnect. */
  get subscribeRequests(): RateLimiter {
    const limits = this.app.config.limits;
    this.subscribeLimiter ??= new RateLimiter(limits.subscribesPerSecond, undefined, limits.maxSubscriptionsPerConnection);
    return this.subscribeLimiter;
  }

  /** ActivityTarget: `pusher:ping` plus a protocol-level ping frame. */
  ping(frame: string): void {
    this.send(frame);
    if (this.socket.readyState === WebSocket.OPEN) this.socket.ping();
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Records that the client is alive (any frame or pong). */
  touch(): void {
    this.activity.touch();
  }

  /** Sends one message to this connection only (broadcasts use `sendFrame` and report once per broadcast). */
  send(message: string): boolean {
    const { frame, payloadBytes } = encodeTextMessage(message);
    const sent = this.sendFrame(frame);
    if (sent) this.app.events.emit('ws_messages_sent', { appId: this.app.id, count: 1, bytes: payloadBytes });
    return sent;
  }

  /**
   * Writes a complete WebSocket frame (see `protocol/ws-frame.ts`) straight to the TCP socket, so
   * a broadcast frames once for all recipients; writes are coalesced per event-loop turn. Control
   * frames (ping, close) still go through ws, which writes synchronously to the same socket, so
   * the order on the wire is kept. A client that stopped reading is closed with 4100.
   */
  sendFrame(frame: Buffer): boolean {
    if (!this.open || this.socket.readyState !== WebSocket.OPEN) return false;
    if (writeCoalescer.backlog(this.raw) > this.options.maxBufferedBytes) {
      this.close(CloseCode.OverCapacity, 'Client is not reading its messages');
      return false;
    }
    writeCoalescer.write(this.raw, frame);
    return true;
  }

  sendError(message: string, code: number | null): void {
    this.send(errorMessage(message, code));
  }

  /** Closes with a Pusher code; the connection leaves its channels at once. */
  close(code: number, reason: string): void {
    if (!this.open) return;
    this.teardown(code, reason);
    const socket = this.socket;
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
      socket.close(code, reason);
      const timer = setTimeout(() => socket.terminate(), CLOSE_HANDSHAKE_TIMEOUT_MS);
      timer.unref();
      socket.once('close', () => clearTimeout(timer));
    }
  }

  /** Called when the socket is gone (client close, TCP drop). */
  handleSocketClosed(code: number, reason: string): void {
    if (this.open) this.teardown(code, reason);
  }

  private teardown(code: number, reason: string): void {
    this.open = false;
    this.activity.stop();
    this.markAuthorized(); // stops its authorization deadline
    const app = this.app;
    app.state.disconnect(this);
    this.subscriptions.clear();
    this.subscribing.clear();
    if (this.user) {
      app.state.watchlist.signOut(this);
      app.removeUserConnection(this.user.id, this);
    }
    app.connections.delete(this.socketId);
    this.options.onTeardown?.();
    app.events.emit('connection_closed', { appId: app.id, socketId: this.socketId, code, reason });
  }
}

/** Authorized connections: the deadline passed without a signin or a private/presence subscription. */
function refuseUnauthorized(connection: Connection): void {
  connection.sendError(NOT_AUTHORIZED_IN_TIME, CloseCode.Unauthorized);
  connection.close(CloseCode.Unauthorized, NOT_AUTHORIZED_IN_TIME);
}

/**
 * ws keeps the upgraded TCP socket in `_socket` (set before the upgrade callback runs). It is not
 * public API, so its absence (a ws upgrade changing it) fails loudly here rather than silently.
 */
function rawSocketOf(socket: WebSocket): Duplex {
  const raw = (socket as unknown as { _socket?: Duplex })._socket;
  if (raw === undefined || typeof raw.write !== 'function' || typeof raw.cork !== 'function') {
    throw new Error('ws no longer exposes the upgraded socket as _socket: see connection.ts');
  }
  return raw;
}
