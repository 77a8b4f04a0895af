import { hmacSha256Hex } from '../auth/hmac';

/**
 * One entry of a webhook's `events` array, exactly as Pusher documents it (server_api/webhooks.md).
 * Its `name` is always one of the configurable WebhookEventName values.
 */
export type WebhookEvent =
  | { name: 'channel_occupied' | 'channel_vacated'; channel: string }
  | { name: 'member_added' | 'member_removed'; channel: string; user_id: string }
  | { name: 'client_event'; channel: string; event: string; data: string; socket_id: string; user_id?: string };

/** The POST body: `{time_ms, events}`; `time_ms` is when the webhook was created. */
export function webhookBody(events: readonly WebhookEvent[], timeMs: number): string {
  return JSON.stringify({ time_ms: timeMs, events });
}

/** `X-Pusher-Signature`: the hex HMAC-SHA256 of the raw body with the app secret. */
export function webhookSignature(secret: string, body: string): string {
  return hmacSha256Hex(secret, body);
}

/** The headers that let `pusher.webhook(request).isValid()` accept the request. */
export function webhookHeaders(key: string, secret: string, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-pusher-key': key,
    'x-pusher-signature': webhookSignature(secret, body),
  };
}

/** What may appear in logs and metric labels: origin and path, never a query (it may carry a token). */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
