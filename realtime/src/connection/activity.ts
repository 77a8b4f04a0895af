import { CloseCode } from '../errors';
import { encodeMessage } from '../protocol/messages';

export interface ActivityTarget {
  /** Sends `pusher:ping` (and a protocol-level ping frame). */
  ping(frame: string): void;
  close(code: number, reason: string): void;
}

const PING_FRAME = encodeMessage({ event: 'pusher:ping', data: {} });

/**
 * Keeps a connection honest: after `activityTimeoutMs` without any message from the client the
 * server pings it; if nothing arrives within `pongTimeoutMs` after that, it closes with 4201.
 * Any inbound message (or pong frame) counts as activity. One timer per connection, re-armed
 * lazily: `touch()` only records a timestamp, so the message hot path does no timer work.
 */
export class ActivityMonitor {
  private lastActivity = Date.now();
  /** Counts inbound activity, so "anything since the ping?" is exact even within one millisecond. */
  private activitySeq = 0;
  /** `activitySeq` when the outstanding ping was sent; null when none is outstanding. */
  private seqAtPing: number | null = null;
  private timer: NodeJS.Timeout | null;

  constructor(
    private readonly target: ActivityTarget,
    private readonly activityTimeoutMs: number,
    private readonly pongTimeoutMs: number,
  ) {
    this.timer = setTimeout(() => this.check(), activityTimeoutMs);
    this.timer.unref();
  }

  touch(): void {
    this.lastActivity = Date.now();
    this.activitySeq += 1;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.timer === null) return;
    this.timer = setTimeout(() => this.check(), Math.max(1, delayMs));
    this.timer.unref();
  }

  private check(): void {
    if (this.timer === null) return;
    const now = Date.now();
    if (this.seqAtPing !== null) {
      if (this.activitySeq > this.seqAtPing) {
        this.seqAtPing = null; // answered
      } else {
        this.stop();
        this.target.close(CloseCode.PongNotReceived, 'Pong reply not received');
        return;
      }
    }
    const idle = now - this.lastActivity;
    if (idle < this.activityTimeoutMs) {
      this.schedule(this.activityTimeoutMs - idle);
      return;
    }
    this.seqAtPing = this.activitySeq;
    this.target.ping(PING_FRAME);
    this.schedule(this.pongTimeoutMs);
  }
}
