import Pusher from 'pusher';
import { E2E_REALTIME_PORT } from '../../playwright.config';
import { E2E_REALTIME_CONTROL_PORT, E2E_RUN_REALTIME_PORT_ENV, runCredentials } from './web-servers';

/** The realtime server this run uses (the embedded one, or soketi in the soketi run), as a spec reaches it. */
export const REALTIME_HOST = '127.0.0.1';

export function runRealtimePort(): number {
  return Number(process.env[E2E_RUN_REALTIME_PORT_ENV] ?? E2E_REALTIME_PORT);
}

/** The official server SDK pointed at this run's realtime server, for checks through its REST API. */
export function realtimeRestClient(): Pusher {
  const { id, key, secret } = runCredentials();
  return new Pusher({ appId: id, key, secret, host: REALTIME_HOST, port: String(runRealtimePort()), useTLS: false });
}

const CONTROL = `http://127.0.0.1:${E2E_REALTIME_CONTROL_PORT}`;

/**
 * Stops and starts this run's realtime server through the harness (scripts/e2e-realtime.ts); `query` sets what
 * that one start changes (`?max-presence-members=2`, `?user-authentication=false`), '' starts it as usual.
 */
export async function restartRealtime(query: string): Promise<void> {
  for (const action of ['stop', `start${query}`]) {
    const response = await fetch(`${CONTROL}/${action}`, { method: 'POST' });
    if (!response.ok) throw new Error(`realtime harness: POST /${action} answered ${response.status}`);
  }
}
