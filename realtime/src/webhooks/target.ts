import type { WebhookOptions } from '../config/schema';
import { WebhookDeliveryError } from '../errors';
import type { RealtimeEvents, WebhookDropReason } from '../events';
import { redactUrl, webhookBody, webhookHeaders, type WebhookEvent } from './payload';
import { postWebhook } from './post';

export interface WebhookTargetOptions {
  appId: string;
  appKey: string;
  appSecret: string;
  url: string;
  options: WebhookOptions;
  events: RealtimeEvents;
  /** Injected for tests; defaults to `postWebhook` (fetch). */
  post?: typeof postWebhook;
}

/** Told once how an event's batch ended: delivered, or dropped and why. */
export type WebhookSettled = (outcome: 'delivered' | WebhookDropReason) => void;

interface Batch {
  body: string;
  settled: WebhookSettled[];
  headers: Record<string, string>;
  eventCount: number;
  attempts: number;
  /** When the first attempt started; retries stop `retryForMs` after it. */
  firstAttemptAt: number;
  retryTimer: NodeJS.Timeout | null;
}

/**
 * One webhook URL of one app: collects events for `batchWindowMs`, seals them into a signed body,
 * and delivers batches asynchronously (at most `maxInFlight` requests at once), retrying failures
 * with exponential backoff for `retryForMs`. At most `maxPendingBatches` wait (queued or between
 * retries); beyond that the oldest is dropped. Nothing here ever blocks the caller of `add`.
 */
export class WebhookTarget {
  readonly label: string;
  private buffer: WebhookEvent[] = [];
  private bufferSettled: WebhookSettled[] = [];
  private windowTimer: NodeJS.Timeout | null = null;
  private readonly queue: Batch[] = [];
  private readonly retrying = new Set<Batch>();
  private inFlight = 0;
  private draining = false;
  private readonly abort = new AbortController();
  private idleWaiters: (() => void)[] = [];
  private readonly post: typeof postWebhook;

  constructor(private readonly target: WebhookTargetOptions) {
    this.label = redactUrl(target.url);
    this.post = target.post ?? postWebhook;
  }

  /** Batches waiting (queued or between retries) plus requests in flight. */
  get pending(): number {
    return this.queue.length + this.retrying.size + this.inFlight;
  }

  /** `settled` (optional) hears how the batch carrying `event` ended. */
  add(event: WebhookEvent, settled?: WebhookSettled): void {
    this.buffer.push(event);
    if (settled) this.bufferSettled.push(settled);
    const options = this.target.options;
    if (this.buffer.length >= options.maxEventsPerBatch || this.draining) {
      this.seal();
    } else if (this.windowTimer === null) {
      this.windowTimer = setTimeout(() => this.seal(), options.batchWindowMs);
      this.windowTimer.unref();
    }
  }

  /**
   * Shutdown: sends what is buffered, retries what waits now, and resolves when everything is
   * delivered or at `deadline` (epoch ms), when whatever is left is dropped and logged.
   */
  async drain(deadline: number): Promise<void> {
    this.draining = true;
    this.seal();
    for (const batch of [...this.retrying]) this.retryNow(batch);
    const remaining = deadline - Date.now();
    if (this.pending > 0 && remaining > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        timer.unref();
        this.idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.abort.abort();
    for (const batch of this.queue.splice(0)) this.drop(batch, 'shutdown');
    for (const batch of [...this.retrying]) {
      if (batch.retryTimer) clearTimeout(batch.retryTimer);
      this.retrying.delete(batch);
      this.drop(batch, 'shutdown');
    }
  }

  private seal(): void {
    if (this.windowTimer !== null) {
      clearTimeout(this.windowTimer);
      this.windowTimer = null;
    }
    if (this.buffer.length === 0) return;
    const events = this.buffer;
    const settled = this.bufferSettled;
    this.buffer = [];
    this.bufferSettled = [];
    const body = webhookBody(events, Date.now());
    const headers = webhookHeaders(this.target.appKey, this.target.appSecret, body);
    this.enqueue({ body, settled, headers, eventCount: events.length, attempts: 0, firstAttemptAt: 0, retryTimer: null });
  }

  private enqueue(batch: Batch): void {
    while (this.queue.length + this.retrying.size >= this.target.options.maxPendingBatches) {
      const oldest = this.queue.shift() ?? this.oldestRetrying();
      if (!oldest) break;
      this.drop(oldest, 'queue_full');
    }
    this.queue.push(batch);
    this.pump();
  }

  private oldestRetrying(): Batch | undefined {
    const first = this.retrying.values().next();
    if (first.done) return undefined;
    const batch = first.value;
    if (batch.retryTimer) clearTimeout(batch.retryTimer);
    this.retrying.delete(batch);
    return batch;
  }

  private pump(): void {
    while (this.inFlight < this.target.options.maxInFlight && this.queue.length > 0 && !this.abort.signal.aborted) {
      const batch = this.queue.shift() as Batch;
      this.inFlight += 1;
      void this.attempt(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
        this.notifyIfIdle();
      });
    }
    this.notifyIfIdle();
  }

  private async attempt(batch: Batch): Promise<void> {
    const { options, events, appId } = this.target;
    const started = Date.now();
    batch.attempts += 1;
    if (batch.attempts === 1) batch.firstAttemptAt = started;
    try {
      await this.post(this.target.url, batch.body, batch.headers, options.requestTimeoutMs, this.abort.signal);
      events.emit('webhook_delivered', { appId, url: this.label, events: batch.eventCount, attempts: batch.attempts, durationMs: Date.now() - started });
      for (const settled of batch.settled) settled('delivered');
    } catch (error) {
      const status = error instanceof WebhookDeliveryError ? error.status : null;
      const message = error instanceof Error ? error.message : String(error);
      const delay = Math.min(options.initialBackoffMs * 2 ** (batch.attempts - 1), options.maxBackoffMs);
      const willRetry = !this.draining && Date.now() + delay - batch.firstAttemptAt <= options.retryForMs;
      events.emit('webhook_failed', { appId, url: this.label, attempt: batch.attempts, status, error: message, willRetry });
      if (willRetry) this.scheduleRetry(batch, delay);
      else this.drop(batch, this.draining ? 'shutdown' : 'retries_exhausted');
    }
  }

  private scheduleRetry(batch: Batch, delayMs: number): void {
    batch.retryTimer = setTimeout(() => this.retryNow(batch), delayMs);
    batch.retryTimer.unref();
    this.retrying.add(batch);
  }

  private retryNow(batch: Batch): void {
    if (batch.retryTimer) clearTimeout(batch.retryTimer);
    batch.retryTimer = null;
    if (!this.retrying.delete(batch)) return;
    this.queue.push(batch);
    this.pump();
  }

  private drop(batch: Batch, reason: WebhookDropReason): void {
    this.target.events.emit('webhook_dropped', { appId: this.target.appId, url: this.label, events: batch.eventCount, reason });
    for (const settled of batch.settled) settled(reason);
  }

  private notifyIfIdle(): void {
    if (this.pending > 0 || this.buffer.length > 0 || this.idleWaiters.length === 0) return;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }
}
