import Pusher from 'pusher';

/**
 * A log line for a failed REST call to the realtime server. Leaves out the request URL, which carries a signed
 * query string, and keeps what helps: the cause (refused, timed out) and any HTTP status.
 */
const SIGNED_QUERY = /\?\S*/g;

/** What the pusher SDK names its REST errors (node_modules/pusher/lib/errors.js). */
const PUSHER_REQUEST_ERROR_NAME = 'PusherRequestError';

/**
 * A REST call to the realtime server failed. Not `instanceof` alone: the Pusher client is shared on globalThis by
 * the Node front's bundle and Next's, so its errors may come from the other bundle's copy of the SDK.
 */
export function isPusherRequestError(error: unknown): error is Pusher.RequestError {
  return error instanceof Pusher.RequestError || (error instanceof Error && error.name === PUSHER_REQUEST_ERROR_NAME);
}

export function describePusherError(error: unknown): string {
  if (isPusherRequestError(error)) {
    const detail = error.status ? `HTTP ${error.status} ${error.body ?? ''}`.trim() : (error.error?.message ?? '');
    return `${error.message}${detail ? `: ${detail.replace(SIGNED_QUERY, '?…')}` : ''}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
