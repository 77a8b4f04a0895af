/**
 * The web app's HTTP server: Next.js behind a thin Node `http` front that does what Next cannot.
 * 1. It resolves the client's address from the socket (and, with TRUST_PROXY=n, from the n trusted proxies'
 *    X-Forwarded-For entries) and hands it to Next in a header it overwrites on every request, so neither the
 *    per-address limits nor anything else can be steered by a header the client wrote. Next's route handlers
 *    and proxy.ts see no socket, and Next keeps a client's X-Forwarded-For as it came.
 * 2. It names this replica in every response (X-Presently-Instance), for load-balanced deployments.
 * 3. It refuses state-changing requests from other sites (Sec-Fetch-Site / Origin) and adds HSTS to answers
 *    served over TLS, for every route at once (lib/security/front-guards.ts).
 * 4. It answers pusher-js's two authorization endpoints itself (lib/pusher/front/auth-endpoints.ts), with the
 *    same functions as their Next routes: Next's own request handling would cost more than the authorization.
 *    This bundle and Next's share the one database, and its caches, through globalThis (lib/db/client.ts).
 *
 *   node scripts/dist/app-server.mjs start   (production, after `npm run build`)
 *   node --import tsx scripts/app-server.ts dev
 * The launcher (scripts/launch.ts) runs it; it reads the same variables as the app (lib/config).
 */
import { createServer, type IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import next from 'next';
import { getConfig } from '../lib/config';
import { CLIENT_ADDRESS_HEADER, INSTANCE_HEADER, resolveClientAddress } from '../lib/http/client-address';
import { serveAuthEndpoint } from '../lib/pusher/front/auth-endpoints';
import { guardRequest } from '../lib/security/front-guards';

/** Headers a proxy sets; with no trusted proxy they can only have come from the client, so Next fills them afresh. */
const PROXY_HEADERS = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip'];
const HTTP_INTERNAL_ERROR = 500;
/** Well inside the launcher's own grace period (scripts/supervisor.ts) before it would SIGKILL us. */
const SHUTDOWN_GRACE_MS = 3_000;

function rewriteClientHeaders(request: IncomingMessage, trustedHops: number): void {
  const address = resolveClientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], trustedHops);
  if (trustedHops === 0) for (const name of PROXY_HEADERS) delete request.headers[name];
  request.headers[CLIENT_ADDRESS_HEADER] = address;
}

async function main(): Promise<void> {
  const started = Date.now();
  const dev = process.argv[2] === 'dev';
  const config = getConfig();
  const instance = config.instanceName ?? `${hostname()}:${config.port}`;

  // Listening starts at once and requests wait for Next to be prepared: in dev, preparing includes compiling and
  // running instrumentation.ts (opening, migrating and seeding the embedded database on a first start).
  let prepared: Promise<void> = Promise.resolve();
  const server = createServer((request, response) => {
    rewriteClientHeaders(request, config.trustProxyHops);
    response.setHeader(INSTANCE_HEADER, instance);
    if (guardRequest(request, response, config.trustProxyHops)) return;
    if (serveAuthEndpoint(request, response, prepared)) return;
    prepared
      .then(() => handle(request, response))
      .catch((error: unknown) => {
        console.error(`[app-server] ${request.method} ${request.url} failed`, error);
        if (!response.headersSent) response.writeHead(HTTP_INTERNAL_ERROR);
        response.end();
      });
  });
  // httpServer lets Next attach its own WebSocket upgrade handling (dev's hot reload) to this server.
  const app = next({ dev, dir: process.cwd(), port: config.port, httpServer: server, ...(dev ? { turbopack: true } : {}) });
  const handle = app.getRequestHandler();
  prepared = app.prepare();
  server.listen(config.port, () => {
    console.log(`Ready in ${Date.now() - started}ms: instance ${instance}, trusting ${config.trustProxyHops} proxy hop(s)`);
  });
  await prepared;

  const stop = () => {
    server.close();
    // Next's dev server can keep its watchers and sockets open; a stop must not hang on them.
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[app-server] stopping Next failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('[app-server] could not start', error);
  process.exit(1);
});
