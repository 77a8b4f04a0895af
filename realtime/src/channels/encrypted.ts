import { PrivateChannel } from './private';

/**
 * `private-encrypted-`: authorized exactly like a private channel. Payloads are end-to-end
 * encrypted by the publisher (`{nonce, ciphertext}`); the server relays them without reading them.
 */
export class EncryptedChannel extends PrivateChannel {
  override readonly kind = 'private-encrypted' as const;
}
