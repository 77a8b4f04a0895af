import Pusher from 'pusher';
import { getConfig } from '@/lib/config';

/** How long a REST call to the realtime server may take before we give up (and log) instead of hanging a request. */
const PUSHER_REQUEST_TIMEOUT_MS = 3_000;

const globalForPusher = globalThis as typeof globalThis & { __presentlyPusher?: Pusher };

/** The official `pusher` server SDK, pointed at whichever Pusher-compatible server the config names. */
export function getPusher(): Pusher {
  globalForPusher.__presentlyPusher ??= new Pusher({ ...getConfig().pusher, timeout: PUSHER_REQUEST_TIMEOUT_MS });
  return globalForPusher.__presentlyPusher;
}
