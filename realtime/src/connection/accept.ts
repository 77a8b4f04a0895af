import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { AppRegistry } from '../app';
import { MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION } from '../config/limits';
import { CloseCode } from '../errors';
import type { RealtimeEvents } from '../events';
import type { Logger } from '../logger';
import { encodeMessage, errorMessage } from '../protocol/messages';
import type { AddressLimits } from './address-limits';
import { clientAddressOf } from './client-address';
import { Connection } from './connection';
import { dispatchFrame } from './dispatch';

export interface AcceptDependencies {
  apps: AppRegistry;
  events: RealtimeEvents;
  logger: Logger;
  maxSocketBufferedBytes: number;
  /** Per client address: open connections and new-connection rate. */
  addresses: AddressLimits;
  /** Proxies in front of the server whose X-Forwarded-For entries are believed (0: none). */
  trustedProxyHops: number;
}

type Admission = { ok: true; connection: Connection } | { ok: false; code: number; reason: string; appKey: string };

/**
 * A new WebSocket at /app/{key}?protocol=7: refuses unknown apps (4001), disabled apps (4003),
 * over-quota apps (4004), other paths (4005), unsupported (4007) or missing (4008) protocol
 * versions, and an address over its share (4100: reconnect after backing off); otherwise registers a
 * Connection and sends `pusher:connection_established`.
 */
export function acceptSocket(deps: AcceptDependencies, socket: WebSocket, request: IncomingMessage): void {
  socket.on('error', (error) => deps.logger.warn(`websocket error: ${error.message}`));
  const admission = admit(deps, socket, request);
  if (!admission.ok) {
    socket.send(errorMessage(admission.reason, admission.code));
    socket.close(admission.code, admission.reason);
    deps.events.emit('connection_rejected', { appKey: admission.appKey, code: admission.code, reason: admission.reason });
    return;
  }
  const connection = admission.connection;
  const app = connection.app;
  socket.on('message', (raw, isBinary) => dispatchFrame(connection, raw, isBinary));
  socket.on('pong', () => connection.touch());
  socket.on('close', (code, reason) => connection.handleSocketClosed(code, reason.toString('utf8')));
  connection.send(
    encodeMessage({
      event: 'pusher:connection_established',
      data: JSON.stringify({
        socket_id: connection.socketId,
        // Protocol 7 carries it in whole seconds; never advertise 0.
        activity_timeout: Math.max(1, Math.round(app.config.limits.activityTimeoutMs / 1000)),
      }),
    }),
  );
  deps.events.emit('connection_opened', { appId: app.id, socketId: connection.socketId });
}

function admit(deps: AcceptDependencies, socket: WebSocket, request: IncomingMessage): Admission {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const match = /^\/app\/([^/]+)\/?$/.exec(url.pathname);
  if (!match?.[1]) return { ok: false, code: CloseCode.PathNotFound, reason: 'Path not found', appKey: '' };
  let key: string;
  try {
    key = decodeURIComponent(match[1]);
  } catch {
    return { ok: false, code: CloseCode.PathNotFound, reason: 'Path not found', appKey: match[1] };
  }
  const app = deps.apps.findByKey(key);
  if (!app) return { ok: false, code: CloseCode.AppNotFound, reason: 'Application does not exist', appKey: key };
  if (!app.config.enabled) return { ok: false, code: CloseCode.AppDisabled, reason: 'Application disabled', appKey: key };
  const protocol = url.searchParams.get('protocol');
  if (protocol === null || protocol === '') {
    return { ok: false, code: CloseCode.NoProtocol, reason: 'No protocol version supplied', appKey: key };
  }
  const version = /^\d+$/.test(protocol) ? Number(protocol) : NaN;
  if (!(version >= MIN_PROTOCOL_VERSION && version <= MAX_PROTOCOL_VERSION)) {
    return { ok: false, code: CloseCode.UnsupportedProtocol, reason: `Unsupported protocol version ${protocol.slice(0, 20)}`, appKey: key };
  }
  // The address's share first: a refused address must not use up the app's quota either.
  const place = deps.addresses.admit(clientAddressOf(request, deps.trustedProxyHops));
  if (!place.ok) return { ok: false, code: CloseCode.OverCapacity, reason: place.reason, appKey: key };
  if (app.connections.size >= app.config.limits.maxConnections) {
    place.release();
    return { ok: false, code: CloseCode.OverQuota, reason: 'Application is over connection quota', appKey: key };
  }
  const socketId = app.newSocketId();
  let connection: Connection;
  try {
    connection = new Connection(socketId, app, socket, { maxBufferedBytes: deps.maxSocketBufferedBytes, onTeardown: place.release });
  } catch (error) {
    place.release();
    throw error;
  }
  app.connections.set(socketId, connection);
  return { ok: true, connection };
}
