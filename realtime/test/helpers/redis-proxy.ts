import { connect, createServer, type Server, type Socket } from 'node:net';

/** One client connection through the proxy: what it sent and what Redis sent back (latin1 text). */
interface Link {
  client: Socket;
  upstream: Socket;
  sent: string;
  received: string;
  held: Buffer[];
}

/**
 * A loopback TCP relay between realtime nodes and a real Redis, so a test can see what a node's
 * connections write and read, and hold Redis's replies back (to show what a node sends before any
 * reply arrives: commands it pipelines, against commands it awaits one by one).
 */
export class RedisProxy {
  private readonly links = new Set<Link>();
  private holding = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<RedisProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    const proxy = new RedisProxy(server, address.port);
    server.on('connection', (client) => proxy.relay(client, targetPort));
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Replies from Redis are kept back until `release`. */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    for (const link of this.links) {
      for (const chunk of link.held.splice(0)) link.client.write(chunk);
    }
  }

  /** Forgets what was seen so far. */
  resetCounts(): void {
    for (const link of this.links) {
      link.sent = '';
      link.received = '';
    }
  }

  /** How many times clients sent the command `name` (RESP bulk string, any case) since the last reset. */
  commandsSent(name: string): number {
    const needle = `\r\n$${name.length}\r\n${name.toLowerCase()}\r\n`;
    let count = 0;
    for (const link of this.links) count += occurrences(`\r\n${link.sent.toLowerCase()}`, needle);
    return count;
  }

  /** How many times `text` appeared in what Redis sent to clients since the last reset. */
  receivedCount(text: string): number {
    let count = 0;
    for (const link of this.links) count += occurrences(link.received, text);
    return count;
  }

  async close(): Promise<void> {
    for (const link of this.links) {
      link.client.destroy();
      link.upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket, targetPort: number): void {
    const upstream = connect(targetPort, '127.0.0.1');
    const link: Link = { client, upstream, sent: '', received: '', held: [] };
    this.links.add(link);
    client.on('data', (chunk: Buffer) => {
      link.sent += chunk.toString('latin1');
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      link.received += chunk.toString('latin1');
      if (this.holding) link.held.push(chunk);
      else client.write(chunk);
    });
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      this.links.delete(link);
    };
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('error', drop);
    upstream.on('error', drop);
  }
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count += 1;
  return count;
}
