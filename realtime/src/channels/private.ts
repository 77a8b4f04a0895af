import { verifyChannelAuth } from '../auth/socket-auth';
import { SubscriptionError } from '../errors';
import type { Connection } from '../connection/connection';
import { BaseChannel, type SubscribeRequest } from './channel';

/** `private-`: the subscription must carry `key:HMAC(secret, socket_id:channel)`. */
export class PrivateChannel extends BaseChannel {
  readonly kind: 'private' | 'private-encrypted' = 'private';
  readonly allowsClientEvents = true;

  protected authorize(connection: Connection, request: SubscribeRequest): void {
    if (typeof request.auth !== 'string' || request.auth === '') {
      throw new SubscriptionError('AuthError', `Subscribing to ${this.name} requires an auth signature`, 401);
    }
    if (!verifyChannelAuth(this.context.app, connection.socketId, this.name, request.auth, undefined)) {
      throw new SubscriptionError('AuthError', `Invalid signature for ${this.name}`, 403);
    }
  }
}
