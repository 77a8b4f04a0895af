import PusherServer from 'pusher';

/** The credentials soketi's peer script configures; our server is started with the same ones. */
export const BENCH_APP = { id: 'app-id', key: 'app-key', secret: 'app-secret' } as const;

/** The official server SDK pointed at a server on loopback (REST triggers, channel auth signatures). */
export function restClient(port: number): PusherServer {
  return new PusherServer({ appId: BENCH_APP.id, key: BENCH_APP.key, secret: BENCH_APP.secret, host: '127.0.0.1', port: String(port), useTLS: false });
}
