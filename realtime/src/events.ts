import type { Logger } from './logger';

/**
 * The server's internal event stream. Webhooks and metrics (issue 5) subscribe here; nothing in the
 * server depends on a listener existing. Every payload names its app.
 */
export interface RealtimeEventMap {
  connection_opened: { appId: string; socketId: string };
  connection_closed: { appId: string; socketId: string; code: number; reason: string };
  /** Refused before a socket id was issued (unknown app, quota, protocol). */
  connection_rejected: { appKey: string; code: number; reason: string };
  channel_occupied: { appId: string; channel: string };
  channel_vacated: { appId: string; channel: string };
  subscribed: { appId: string; channel: string; socketId: string };
  unsubscribed: { appId: string; channel: string; socketId: string };
  subscription_refused: { appId: string; channel: string; socketId: string; type: string };
  member_added: { appId: string; channel: string; userId: string };
  member_removed: { appId: string; channel: string; userId: string };
  client_event: { appId: string; channel: string; event: string; data: string; socketId: string; userId?: string };
  signed_in: { appId: string; socketId: string; userId: string };
  /** One WebSocket frame received; bytes is its size. */
  ws_message_received: { appId: string; socketId: string; bytes: number };
  /** Frames written: `count` sockets got a frame of `bytes` bytes (a broadcast reports once; a frame to one connection, count 1). */
  ws_messages_sent: { appId: string; count: number; bytes: number };
  /** A REST request finished; `status` is the HTTP status, `error` the message sent with an error status. */
  http_request: { appId: string | null; method: string; route: string; status: number; error?: string };
  /** An event published through the REST API to `channels`. */
  api_event: { appId: string; event: string; channels: string[]; bytes: number };
  /** A webhook POST answered 2xx. `url` is origin + path only (no query: it may hold a token). */
  webhook_delivered: { appId: string; url: string; events: number; attempts: number; durationMs: number };
  /** One attempt failed (network error, timeout or non-2xx `status`); `willRetry` says whether it is retried. */
  webhook_failed: { appId: string; url: string; attempt: number; status: number | null; error: string; willRetry: boolean };
  /** A batch given up for good: retried for too long, queue full, or unsent at shutdown. */
  webhook_dropped: { appId: string; url: string; events: number; reason: WebhookDropReason };
}

export type WebhookDropReason = 'retries_exhausted' | 'queue_full' | 'shutdown';

export type RealtimeEventName = keyof RealtimeEventMap;
export type RealtimeListener<K extends RealtimeEventName> = (payload: RealtimeEventMap[K]) => void;

/** A small typed emitter. A throwing listener is logged and never breaks the server or other listeners. */
export class RealtimeEvents {
  private readonly listeners = new Map<RealtimeEventName, Set<(payload: never) => void>>();

  constructor(private readonly logger: Logger) {}

  /** Subscribes; returns the unsubscribe function. */
  on<K extends RealtimeEventName>(name: K, listener: RealtimeListener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  /** True when someone listens: lets hot paths skip building payloads. */
  has(name: RealtimeEventName): boolean {
    const set = this.listeners.get(name);
    return set !== undefined && set.size > 0;
  }

  emit<K extends RealtimeEventName>(name: K, payload: RealtimeEventMap[K]): void {
    const set = this.listeners.get(name);
    if (!set || set.size === 0) return;
    for (const listener of set) {
      try {
        (listener as RealtimeListener<K>)(payload);
      } catch (error) {
        this.logger.error(`listener for "${name}" threw`, error);
      }
    }
  }
}
