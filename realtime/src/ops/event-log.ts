import { CloseCode } from '../errors';
import type { RealtimeEvents } from '../events';
import type { Logger } from '../logger';

/** Close codes the server itself uses to end a connection for cause; worth a log line each. */
const LOGGED_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.Unauthorized, CloseCode.OverCapacity, CloseCode.PongNotReceived]);

/**
 * One structured log line per event worth an operator's attention: refused connections and
 * subscriptions, signin failures and kicked connections, refused REST calls, webhook failures and
 * drops. Ordinary traffic (connects, subscribes, messages) is counted by the metrics, not logged.
 * Returns the function that stops logging.
 */
export function logNotableEvents(events: RealtimeEvents, logger: Logger): () => void {
  const stops = [
    events.on('connection_rejected', ({ appKey, code, reason }) => logger.warn('connection refused', { event: 'connection_refused', appKey, code, reason })),
    events.on('subscription_refused', ({ appId, channel, socketId, type }) =>
      logger.warn('subscription refused', { event: 'subscription_refused', appId, channel, socketId, type }),
    ),
    events.on('connection_closed', ({ appId, socketId, code, reason }) => {
      if (LOGGED_CLOSE_CODES.has(code)) logger.warn('connection closed', { event: 'connection_closed', appId, socketId, code, reason });
    }),
    events.on('http_request', ({ appId, method, route, status, error }) => {
      // 500s are logged with their stack where they happen (http/handler.ts).
      if (status === 401 || status === 403) logger.warn('REST request refused', { event: 'rest_refused', appId, method, route, status, error });
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
