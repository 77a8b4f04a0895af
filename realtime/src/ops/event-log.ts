import { CloseCode } from '../errors';
import type { RealtimeEvents } from '../events';
import type { LogFields, Logger } from '../logger';
import { RateLimiter } from '../connection/rate-limit';

/** Close codes the server itself uses to end a connection for cause; worth a log line each. */
const LOGGED_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.Unauthorized, CloseCode.OverCapacity, CloseCode.PongNotReceived]);

/**
 * Log lines per second for each kind of refusal (ours): a flood of refused connections or subscriptions
 * (one client made 21,763 subscribes) must not become a flood of log lines. Beyond it lines are only
 * counted, and the count rides on the next line of that kind as `suppressed`; the metrics count them all.
 */
export const REFUSAL_LOG_LINES_PER_SECOND = 20;

/** One token bucket per kind of line, and how many lines it held back since the last one written. */
class LineBudget {
  private readonly kinds = new Map<string, { limiter: RateLimiter; suppressed: number }>();

  constructor(private readonly now?: () => number) {}

  /** Writes the line unless its kind is over budget; a written line carries the count held back before it. */
  warn(logger: Logger, kind: string, message: string, fields: LogFields): void {
    let budget = this.kinds.get(kind);
    if (!budget) {
      budget = { limiter: new RateLimiter(REFUSAL_LOG_LINES_PER_SECOND, this.now), suppressed: 0 };
      this.kinds.set(kind, budget);
    }
    if (!budget.limiter.tryTake()) {
      budget.suppressed += 1;
      return;
    }
    const suppressed = budget.suppressed;
    budget.suppressed = 0;
    logger.warn(message, suppressed > 0 ? { ...fields, suppressed } : fields);
  }
}

/**
 * One structured log line per event worth an operator's attention: refused connections and
 * subscriptions, signin failures and kicked connections, refused REST calls, webhook failures and
 * drops (refusals within REFUSAL_LOG_LINES_PER_SECOND per kind). Ordinary traffic (connects,
 * subscribes, messages) is counted by the metrics, not logged. Returns the function that stops logging.
 */
export function logNotableEvents(events: RealtimeEvents, logger: Logger, now?: () => number): () => void {
  const budget = new LineBudget(now);
  const stops = [
    events.on('connection_rejected', ({ appKey, code, reason }) =>
      budget.warn(logger, 'connection_refused', 'connection refused', { event: 'connection_refused', appKey, code, reason }),
    ),
    events.on('subscription_refused', ({ appId, channel, socketId, type }) =>
      budget.warn(logger, 'subscription_refused', 'subscription refused', { event: 'subscription_refused', appId, channel, socketId, type }),
    ),
    events.on('connection_closed', ({ appId, socketId, code, reason }) => {
      if (LOGGED_CLOSE_CODES.has(code)) budget.warn(logger, 'connection_closed', 'connection closed', { event: 'connection_closed', appId, socketId, code, reason });
    }),
    events.on('http_request', ({ appId, method, route, status, error }) => {
      // 500s are logged with their stack where they happen (http/handler.ts).
      if (status === 401 || status === 403) budget.warn(logger, 'rest_refused', 'REST request refused', { event: 'rest_refused', appId, method, route, status, error });
    }),
    events.on('webhook_failed', ({ appId, url, attempt, status, error, willRetry }) =>
      logger.warn('webhook delivery failed', { event: 'webhook_failed', appId, url, attempt, status, error, willRetry }),
    ),
    events.on('webhook_dropped', ({ appId, url, events: count, reason }) =>
      logger.error('webhook dropped', undefined, { event: 'webhook_dropped', appId, url, events: count, reason }),
    ),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
