import { createHash, createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { BENCH_APP } from './credentials';

/** Keep-alive connections a publisher keeps open (the SDK opens one per request, which caps its rate). */
const PUBLISHER_SOCKETS = 16;

/**
 * POSTs signed `batch_events` requests (rest-api.md's signature) over keep-alive connections, so
 * the publish rate measures the servers rather than TCP handshakes in the load generator.
 */
export class BatchPublisher {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: PUBLISHER_SOCKETS });
  private readonly path = `/apps/${BENCH_APP.id}/batch_events`;

  constructor(private readonly port: number) {}

  /** Resolves with the HTTP status (0 for a network error: counted as a failed publish by the caller). */
  publish(events: readonly { channel: string; name: string; data: string }[]): Promise<number> {
    const body = JSON.stringify({ batch: events });
    const params: Record<string, string> = {
      auth_key: BENCH_APP.key,
      auth_timestamp: String(Math.floor(Date.now() / 1000)),
      auth_version: '1.0',
      body_md5: createHash('md5').update(body).digest('hex'),
    };
    const query = Object.keys(params)
      .sort()
      .map((key) => `${key}=${params[key] ?? ''}`)
      .join('&');
    const signature = createHmac('sha256', BENCH_APP.secret).update(`POST\n${this.path}\n${query}`).digest('hex');
    return new Promise((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, path: `${this.path}?${query}&auth_signature=${signature}`, method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
