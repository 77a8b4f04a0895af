import Pusher from 'pusher';

/**
 * A log line for a failed REST call to the realtime server. Leaves out the request URL, which carries a signed
 * query string, and keeps what helps: the cause (refused, timed out) and any HTTP status.
 */
const SIGNED_QUERY = /\?\S*/g;

export function describePusherError(error: unknown): string {
  if (error instanceof Pusher.RequestError) {
    const detail = error.status ? `HTTP ${error.status} ${error.body ?? ''}`.trim() : (error.error?.message ?? '');
    return `${error.message}${detail ? `: ${detail.replace(SIGNED_QUERY, '?…')}` : ''}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
