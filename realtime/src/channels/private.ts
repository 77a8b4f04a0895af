import type { Connection } from '../connection/connection';
import { authorizePrivate } from './authorize';
import { BaseChannel, type SubscribeRequest } from './channel';

/** `private-`: the subscription must carry `key:HMAC(secret, socket_id:channel)`. */
export class PrivateChannel extends BaseChannel {
  readonly kind: 'private' | 'private-encrypted' = 'private';
  readonly allowsClientEvents = true;

  protected authorize(connection: Connection, request: SubscribeRequest): void {
    authorizePrivate(this.context.app, connection, this.name, request);
  }
}
