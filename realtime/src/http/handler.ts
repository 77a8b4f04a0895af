import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppRegistry } from '../app';
import { verifyRestRequest } from '../auth/rest-auth';
import { HttpError } from '../errors';
import type { RealtimeEvents } from '../events';
import type { Logger } from '../logger';
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
}

type RouteHandler = { kind: 'health' } | { kind: 'api'; handle: ApiHandler };

const router = new Router<RouteHandler>()
  .add('GET', '/', { kind: 'health' })
  .add('GET', '/up', { kind: 'health' })
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
      sendJson(response, status, body);
      deps.events.emit('http_request', { appId, method, route, status });
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
