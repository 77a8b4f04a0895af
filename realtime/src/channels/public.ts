import { BaseChannel } from './channel';

/** Anyone may subscribe; no client events (Pusher allows them only on authenticated channels). */
export class PublicChannel extends BaseChannel {
  readonly kind = 'public' as const;
  readonly allowsClientEvents = false;

  protected authorize(): void {
    // Public channels need no authorization.
  }
}
