import type { AppConfig } from '../config/schema';
import type { Connection } from '../connection/connection';
import { verifyChannelAuth } from '../auth/socket-auth';
import { SubscriptionError } from '../errors';
import { channelKind } from '../protocol/channel-names';
import { asRecord } from '../protocol/messages';
import type { SubscribeRequest } from './channel';

/** Who joins a presence channel. */
export interface PresenceMember {
  userId: string;
  info: unknown;
}

/** `private-` and `private-encrypted-`: the subscription must carry `key:HMAC(secret, socket_id:channel)`. */
export function authorizePrivate(app: AppConfig, connection: Connection, name: string, request: SubscribeRequest): void {
  if (typeof request.auth !== 'string' || request.auth === '') {
    throw new SubscriptionError('AuthError', `Subscribing to ${name} requires an auth signature`, 401);
  }
  if (!verifyChannelAuth(app, connection.socketId, name, request.auth, undefined)) {
    throw new SubscriptionError('AuthError', `Invalid signature for ${name}`, 403);
  }
}

/** `presence-`: verifies the signature and returns who is joining; throws SubscriptionError otherwise. */
export function identifyPresenceMember(app: AppConfig, connection: Connection, name: string, request: SubscribeRequest): PresenceMember {
  const limits = app.limits;
  if (typeof request.auth !== 'string' || request.auth === '') {
    throw new SubscriptionError('AuthError', `Subscribing to ${name} requires an auth signature`, 401);
  }
  const channelData = request.channelData;
  if (channelData !== undefined && channelData !== null && typeof channelData !== 'string') {
    throw new SubscriptionError('InvalidPresenceData', 'channel_data must be a JSON-encoded string', 400);
  }
  const signedData = typeof channelData === 'string' ? channelData : undefined;
  if (!verifyChannelAuth(app, connection.socketId, name, request.auth, signedData)) {
    throw new SubscriptionError('AuthError', `Invalid signature for ${name}`, 403);
  }

  let userId: unknown;
  let info: unknown;
  if (signedData !== undefined) {
    let parsed: Record<string, unknown> | null = null;
    try {
      parsed = asRecord(JSON.parse(signedData));
    } catch {
      parsed = null;
    }
    if (!parsed) throw new SubscriptionError('InvalidPresenceData', 'channel_data is not a JSON object', 400);
    userId = typeof parsed.user_id === 'number' && Number.isFinite(parsed.user_id) ? String(parsed.user_id) : parsed.user_id;
    info = parsed.user_info;
  } else if (connection.user) {
    // No channel_data: the signed-in user is the member (Pusher's "who's online" pattern).
    userId = connection.user.id;
    info = connection.user.info;
  } else {
    throw new SubscriptionError('InvalidPresenceData', `Presence channel ${name} needs channel_data or a signed-in connection`, 400);
  }

  if (typeof userId !== 'string' || userId === '') {
    throw new SubscriptionError('InvalidPresenceData', 'user_id must be a non-empty string', 400);
  }
  if (userId.length > limits.maxPresenceUserIdLength) {
    throw new SubscriptionError('LimitReached', `user_id is longer than ${limits.maxPresenceUserIdLength} characters`, 400);
  }
  const infoJson = info === undefined ? '' : JSON.stringify(info);
  if (Buffer.byteLength(infoJson, 'utf8') > limits.maxPresenceUserInfoBytes) {
    throw new SubscriptionError('LimitReached', `user_info is larger than ${limits.maxPresenceUserInfoBytes} bytes`, 400);
  }
  return { userId, info: info ?? {} };
}

/**
 * Authorizes a subscription to any channel kind: returns the presence member for presence
 * channels, null for the others (public needs nothing). Throws SubscriptionError when refused.
 */
export function authorizeSubscription(app: AppConfig, connection: Connection, name: string, request: SubscribeRequest): PresenceMember | null {
  switch (channelKind(name)) {
    case 'presence':
      return identifyPresenceMember(app, connection, name, request);
    case 'private':
    case 'private-encrypted':
      authorizePrivate(app, connection, name, request);
      return null;
    case 'public':
    case 'server-to-user':
      return null;
  }
}
