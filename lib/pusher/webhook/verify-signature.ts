import { createHmac, timingSafeEqual } from 'node:crypto';
import { JSON_CONTENT_TYPE, mediaTypeOf } from '@/lib/http/body';

export type WebhookCredentials = { key: string; secret: string };
export type WebhookHeaders = { contentType: string | null; key: string | null; signature: string | null };

/** Pusher signs the raw body: X-Pusher-Signature is its HMAC-SHA256 with the app secret, in lower-case hex. */
function expectedSignature(rawBody: string, secret: string): Buffer {
  return Buffer.from(createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex'), 'utf8');
}

/**
 * Whether a webhook came from the realtime server: a JSON body, our app key, and the body's signature, compared
 * in constant time (the SDK's `webhook().isValid()` compares with `===`, whose time tells how much of a guess
 * was right).
 */
export function isSignedWebhook(rawBody: string, headers: WebhookHeaders, credentials: WebhookCredentials): boolean {
  if (mediaTypeOf(headers.contentType) !== JSON_CONTENT_TYPE) return false;
  if (headers.key !== credentials.key || !headers.signature) return false;
  const expected = expectedSignature(rawBody, credentials.secret);
  const given = Buffer.from(headers.signature, 'utf8');
  // A wrong length is refused without comparing; the length of a hex SHA-256 is no secret.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
