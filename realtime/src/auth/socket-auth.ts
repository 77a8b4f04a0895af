import type { AppConfig } from '../config/schema';
import { hmacSha256Hex, safeEqual } from './hmac';

/**
 * Checks an auth string of the form `key:hex(HMAC-SHA256(secret, stringToSign))`
 * (auth-signatures.md). Any other key, or a signature over anything else, is refused.
 */
function verifyAuthString(app: AppConfig, auth: unknown, stringToSign: string): boolean {
  if (typeof auth !== 'string') return false;
  const separator = auth.indexOf(':');
  if (separator <= 0) return false;
  const key = auth.slice(0, separator);
  const signature = auth.slice(separator + 1);
  const expected = hmacSha256Hex(app.secret, stringToSign);
  // Evaluate both comparisons so the key check does not short-circuit the timing of the signature check.
  const keyOk = safeEqual(key, app.key);
  const signatureOk = safeEqual(signature, expected);
  return keyOk && signatureOk;
}

/** Private / encrypted / presence subscription: signs `socket_id:channel[:channel_data]`. */
export function verifyChannelAuth(
  app: AppConfig,
  socketId: string,
  channel: string,
  auth: unknown,
  channelData: string | undefined,
): boolean {
  const stringToSign = channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
  return verifyAuthString(app, auth, stringToSign);
}

/** User authentication (`pusher:signin`): signs `socket_id::user::user_data`. */
export function verifyUserAuth(app: AppConfig, socketId: string, userData: string, auth: unknown): boolean {
  return verifyAuthString(app, auth, `${socketId}::user::${userData}`);
}
