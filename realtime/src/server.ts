import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { AppRegistry } from './app';
import { createClusterState } from './cluster/choose';
import type { ClusterState } from './cluster/state';
import { parseServerConfig, type ServerConfig, type ServerConfigInput } from './config/schema';
import { acceptSocket } from './connection/accept';
import { CloseCode } from './errors';
import { RealtimeEvents } from './events';
import { createHttpHandler } from './http/handler';
import { consoleLogger, withNodeId, type Logger } from './logger';
import { metricsAccessFor } from './metrics/access';
import { createServerMetrics, type ServerMetrics } from './metrics/metrics';
import { logNotableEvents } from './ops/event-log';
import { Webhooks } from './webhooks/webhooks';

export interface RealtimeServer {
  host: string;
  /** The port actually bound (useful with port 0). */
  port: number;
  /** `ws://host:port` */
  url: string;
  config: ServerConfig;
  /** Internal event stream (connections, channels, members, client events, message counts). */
  events: RealtimeEvents;
  apps: AppRegistry;
  /** Prometheus metrics of this server (also served at `GET /metrics`). */
  metrics: ServerMetrics;
  /** Shared state: in memory, or the cluster's Redis (its `nodeId` names this node). */
  state: ClusterState;
  /**
   * Closes every connection with 4200, stops listening, then delivers pending webhooks (held leaves
   * included) for at most `webhookOptions.shutdownFlushMs`; resolves when everything is closed.
   */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
}

/** Starts the HTTP + WebSocket server. Config defaults are filled in; bad config throws ConfigError. */
export async function startRealtimeServer(input: ServerConfigInput | ServerConfig, options: StartOptions = {}): Promise<RealtimeServer> {
  const config = parseServerConfig(input);
  // Every line this server logs names its node (known once the state exists, which needs the logger).
  const node: { state?: ClusterState } = {};
  const logger = withNodeId(options.logger ?? consoleLogger, () => node.state?.nodeId);
  const events = new RealtimeEvents(logger);
  const state = createClusterState(config, events, logger);
  node.state = state;
  const apps = new AppRegistry(config.apps, events, logger, state);
  const stopLogging = logNotableEvents(events, logger);
  const metrics = createServerMetrics(apps, events, () => state.nodeId);
  const webhooks = new Webhooks(config.apps, config.webhookOptions, events);
  state.attachWebhooks(webhooks);
  let ready = false;
  let closing: Promise<void> | null = null;

  const httpServer: Server = createServer(
    createHttpHandler({
      apps,
      events,
      logger,
      maxBodyBytes: config.maxHttpBodyBytes,
      isReady: () => ready && state.isLive(),
      metrics: { contentType: metrics.contentType, render: () => metrics.render(), access: metricsAccessFor(config.host, config.metricsToken) },
    }),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameBytes, perMessageDeflate: false });
  const acceptDeps = { apps, events, logger, maxSocketBufferedBytes: config.maxSocketBufferedBytes };

  // Listeners that live as long as the socket are made outside this handler: a closure created here
  // would share its scope with the one below, which holds `request`, and keep every upgrade request
  // (headers and all) alive for the whole connection.
  const onSocketError = upgradeSocketErrorListener(logger);
  httpServer.on('upgrade', (request, socket: Duplex, head) => {
    socket.on('error', onSocketError);
    if (!ready) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      try {
        acceptSocket(acceptDeps, ws, request);
      } catch (error) {
        logger.error('failed to accept a websocket', error);
        ws.terminate();
      }
    });
  });
  httpServer.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
    logger.warn(`http client error: ${error.message}`);
  });

  await state.start(apps);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  httpServer.on('error', (error) => logger.error('http server error', error));
  ready = true;
  const port = (httpServer.address() as AddressInfo).port;
  const host = config.host;

  const close = (): Promise<void> => {
    closing ??= (async () => {
      ready = false;
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      for (const app of apps.all()) {
        for (const connection of [...app.connections.values()]) {
          connection.close(CloseCode.Reconnect, 'Server shutting down');
        }
      }
      // Sockets refused during the handshake may still be open: close them too.
      for (const ws of wss.clients) ws.close(CloseCode.Reconnect, 'Server shutting down');
      const deadline = Date.now() + config.shutdownGraceMs;
      while (wss.clients.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const ws of wss.clients) ws.terminate();
      httpServer.closeAllConnections();
      wss.close();
      await Promise.all([stopped, state.close(), webhooks.drain(config.webhookOptions.shutdownFlushMs)]);
      metrics.stop();
      stopLogging();
    })();
    return closing;
  };

  return { host, port, url: `ws://${host}:${port}`, config, events, apps, metrics, state, close };
}

function upgradeSocketErrorListener(logger: Logger): (error: Error) => void {
  return (error) => logger.warn(`upgrade socket error: ${error.message}`, { event: 'socket_error' });
}
