import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppRegistry } from '../app';
import { safeEqual } from '../auth/hmac';
import { verifyRestRequest } from '../auth/rest-auth';
import { HttpError } from '../errors';
import type { RealtimeEvents } from '../events';
import type { Logger } from '../logger';
import type { MetricsAccess } from '../metrics/access';
import { readBody } from './body';
import { getChannel, getChannelUsers, listChannels } from './channels';
import type { ApiHandler } from './context';
import { triggerBatch, triggerEvent } from './events';
import { Router } from './router';
import { terminateUserConnections } from './users';

export interface HttpDependencies {
  apps: AppRegistry;
  events: RealtimeEvents;
  logger: Logger;
  maxBodyBytes: number;
  /** False while starting or shutting down: health checks answer 503. */
  isReady: () => boolean;
  /** `GET /metrics`: the Prometheus exposition, behind a bearer token when one is configured. */
  metrics: MetricsEndpoint;
}

export interface MetricsEndpoint {
  contentType: string;
  render(): Promise<string>;
  access: MetricsAccess;
}

type RouteHandler = { kind: 'health' } | { kind: 'metrics' } | { kind: 'api'; handle: ApiHandler };

/** A non-JSON answer (the metrics exposition). */
class TextBody {
  constructor(
    readonly contentType: string,
    readonly text: string,
  ) {}
}

const router = new Router<RouteHandler>()
  .add('GET', '/', { kind: 'health' })
  .add('GET', '/up', { kind: 'health' })
  .add('GET', '/metrics', { kind: 'metrics' })
  .add('POST', '/apps/:appId/events', { kind: 'api', handle: triggerEvent })
  .add('POST', '/apps/:appId/batch_events', { kind: 'api', handle: triggerBatch })
  .add('GET', '/apps/:appId/channels', { kind: 'api', handle: listChannels })
  .add('GET', '/apps/:appId/channels/:channelName', { kind: 'api', handle: getChannel })
  .add('GET', '/apps/:appId/channels/:channelName/users', { kind: 'api', handle: getChannelUsers })
  .add('POST', '/apps/:appId/users/:userId/terminate_connections', { kind: 'api', handle: terminateUserConnections });

/** The REST API and health check. Every failure answers its real status with `{"error": "..."}`. */
export function createHttpHandler(deps: HttpDependencies): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    let appId: string | null = null;
    let route = 'unmatched';
    const method = request.method ?? 'GET';
    const finish = (status: number, body: unknown): void => {
      if (body instanceof TextBody) sendText(response, status, body);
      else sendJson(response, status, body);
      const error = status >= 400 ? (body as { error?: unknown }).error : undefined;
      deps.events.emit('http_request', { appId, method, route, status, ...(typeof error === 'string' ? { error } : {}) });
    };

    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const match = router.match(method, url.pathname);
      if (!match) throw new HttpError(404, `no such endpoint: ${method} ${url.pathname}`);
      route = match.route.path;
      const handler = match.route.handler;
      if (handler.kind === 'health') {
        if (!deps.isReady()) throw new HttpError(503, 'not ready');
        return { ok: true };
      }
      if (handler.kind === 'metrics') {
        checkMetricsAccess(deps.metrics.access, request.headers.authorization);
        return new TextBody(deps.metrics.contentType, await deps.metrics.render());
      }
      const app = deps.apps.findById(match.params.appId ?? '');
      if (!app) throw new HttpError(404, `unknown app "${match.params.appId ?? ''}"`);
      appId = app.id;
      const body = await readBody(request, deps.maxBodyBytes);
      verifyRestRequest(app.config, { method, rawPath: url.pathname, query: url.searchParams, body });
      if (!app.config.enabled) throw new HttpError(403, 'app is disabled');
      return handler.handle({ app, params: match.params, query: url.searchParams, body });
    })().then(
      (body) => finish(200, body),
      (error: unknown) => {
        if (error instanceof HttpError) {
          if (error.status === 413) response.setHeader('connection', 'close');
          if (error.status === 401 && route === '/metrics') response.setHeader('www-authenticate', 'Bearer');
          finish(error.status, { error: error.message });
          return;
        }
        deps.logger.error(`REST ${method} ${request.url ?? ''} failed`, error);
        finish(500, { error: 'internal server error' });
      },
    );
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function sendText(response: ServerResponse, status: number, body: TextBody): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': body.contentType, 'content-length': Buffer.byteLength(body.text) });
  response.end(body.text);
}

/**
 * With a configured token, `Authorization: Bearer <token>` is required (compared in constant time); without
 * one, a server listening beyond loopback answers nobody (metrics/access.ts).
 */
function checkMetricsAccess(access: MetricsAccess, authorization: string | undefined): void {
  if (access.kind === 'open') return;
  if (access.kind === 'closed') throw new HttpError(403, 'metrics are closed: this server listens beyond loopback; set REALTIME_METRICS_TOKEN');
  const token = access.token;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1] || !safeEqual(match[1], token)) throw new HttpError(401, 'metrics need Authorization: Bearer <REALTIME_METRICS_TOKEN>');
}
