import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import PusherServer from 'pusher';
import { APP } from './server';
import { withTimeout } from './wait';

export interface Delivery {
  headers: IncomingMessage['headers'];
  rawBody: string;
  /** What the official SDK's `pusher.webhook({headers, rawBody}).isValid()` says. */
  valid: boolean;
  body: { time_ms: number; events: WebhookEventJson[] };
  receivedAt: number;
}

export type WebhookEventJson = { name: string; channel: string; [field: string]: unknown };

/**
 * Decides the answer to each POST: a status, or 'hang' to never answer (a dead receiver).
 * Called with the 0-based index of the request.
 */
export type Responder = (index: number) => number | 'hang';

/** A real HTTP receiver on loopback that checks every webhook with the official `pusher` SDK. */
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  /** Every request, including those answered with an error. */
  requests = 0;
  private readonly validator: PusherServer;
  private readonly hanging = new Set<ServerResponse>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
    secret: string,
    private respond: Responder,
  ) {
    this.validator = new PusherServer({ appId: APP.id, key: APP.key, secret, host: '127.0.0.1' });
  }

  static async start(options: { respond?: Responder; secret?: string } = {}): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((request, response) => receiver?.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/webhook`, options.secret ?? APP.secret, options.respond ?? (() => 200));
    return receiver;
  }

  /** Every event of every valid delivery, in arrival order. */
  events(): WebhookEventJson[] {
    return this.deliveries.filter((delivery) => delivery.valid).flatMap((delivery) => delivery.body.events);
  }

  names(): string[] {
    return this.events().map((event) => event.name);
  }

  /** Waits until `check` holds for the events received. */
  waitFor(what: string, check: (events: WebhookEventJson[]) => boolean, timeoutMs = 5_000): Promise<void> {
    return withTimeout<void>(`webhook ${what}`, (resolve) => {
      const timer = setInterval(() => {
        if (check(this.events())) resolve();
      }, 10);
      return () => clearInterval(timer);
    }, timeoutMs);
  }

  validate(headers: IncomingMessage['headers'], rawBody: string): boolean {
    return this.validator.webhook({ headers: headers as Record<string, string>, rawBody }).isValid();
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const index = this.requests;
    this.requests += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = this.respond(index);
      if (answer === 'hang') {
        this.hanging.add(response);
        return;
      }
      const rawBody = Buffer.concat(chunks).toString('utf8');
      if (answer >= 200 && answer < 300) {
        this.deliveries.push({
          headers: request.headers,
          rawBody,
          valid: this.validate(request.headers, rawBody),
          body: JSON.parse(rawBody) as Delivery['body'],
          receivedAt: Date.now(),
        });
      }
      response.writeHead(answer, { 'content-type': 'text/plain' });
      response.end(answer < 300 ? 'ok' : 'failed');
    });
  }
}
