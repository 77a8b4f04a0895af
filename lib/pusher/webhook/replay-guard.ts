import { createHash } from 'node:crypto';
import { ConflictError, UnauthorizedError } from '@/lib/http/errors';
import { limiterFor, type Limiter } from '@/lib/rate-limit';

const MS_PER_SECOND = 1_000;
/**
 * A batch is accepted at most this long after the `time_ms` it was created with. Senders retry a failed
 * delivery with the same body (ours for up to 5 minutes, realtime/src/config/limits.ts), so the window
 * covers every retry, with room for the request timeouts in between.
 */
export const WEBHOOK_MAX_AGE_MS = 10 * 60 * 1_000;
/** A batch may claim a time this far ahead of our clock (the sender's clock may run a little fast). */
export const WEBHOOK_MAX_CLOCK_AHEAD_MS = 60 * 1_000;

/** Batches already received, by the SHA-256 of their signed body, for as long as one could be replayed. */
function receivedBatches(): Promise<Limiter> {
  return limiterFor({ name: 'webhook-received', points: 1, durationSeconds: (WEBHOOK_MAX_AGE_MS + WEBHOOK_MAX_CLOCK_AHEAD_MS) / MS_PER_SECOND });
}

export type ReceivedBatch = {
  /** The batch failed to be handled: it may be delivered again (a retry) and then counts as new. */
  release: () => Promise<void>;
};

/**
 * Refuses a verified batch that is stale (or from the future) and one that was already received within the
 * window. The record of received batches lives in the limiter's store (lib/rate-limit/store.ts): Redis or
 * PostgreSQL when configured, so that every replica refuses a batch another one took; memory for the embedded
 * single process.
 */
export async function admitWebhookBatch(rawBody: string, timeMs: number, now = Date.now()): Promise<ReceivedBatch> {
  if (!Number.isFinite(timeMs) || timeMs < now - WEBHOOK_MAX_AGE_MS || timeMs > now + WEBHOOK_MAX_CLOCK_AHEAD_MS) {
    throw new UnauthorizedError(`Webhook time_ms is outside the accepted window (${WEBHOOK_MAX_AGE_MS / MS_PER_SECOND} s).`);
  }
  const digest = createHash('sha256').update(rawBody, 'utf8').digest('hex');
  const received = await receivedBatches();
  if (!(await received.consume(digest)).allowed) throw new ConflictError('This webhook batch was already received.');
  return { release: () => received.reset(digest) };
}
