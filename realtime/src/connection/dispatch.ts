import type { RawData } from 'ws';
import { ProtocolError } from '../errors';
import { encodeMessage, parseIncoming } from '../protocol/messages';
import { handleClientEvent } from './client-events';
import type { Connection } from './connection';
import { handleSignin } from './signin';
import { handleSubscribe, handleUnsubscribe } from './subscriptions';

const PONG_FRAME = encodeMessage({ event: 'pusher:pong', data: {} });

/**
 * Handles one inbound frame. Never throws: a client mistake becomes a `pusher:error` (or a close
 * when the error says so); a server bug is logged and the client told, and the server carries on.
 */
export function dispatchFrame(connection: Connection, raw: RawData, isBinary: boolean): void {
  if (!connection.isOpen) return;
  connection.touch();
  const size = frameSize(raw);
  connection.app.events.emit('ws_message_received', { appId: connection.app.id, socketId: connection.socketId, bytes: size });
  try {
    if (isBinary) throw new ProtocolError('Binary frames are not supported; send UTF-8 JSON text');
    const parsed = parseIncoming(rawToString(raw));
    if (!parsed.ok) throw new ProtocolError(parsed.problem);
    const message = parsed.message;
    switch (message.event) {
      case 'pusher:ping':
        connection.send(PONG_FRAME);
        return;
      case 'pusher:pong':
        return; // touch() above already recorded it
      case 'pusher:subscribe':
        handleSubscribe(connection, message.data);
        return;
      case 'pusher:unsubscribe':
        handleUnsubscribe(connection, message.data);
        return;
      case 'pusher:signin':
        handleSignin(connection, message.data);
        return;
      default:
        if (message.event.startsWith('client-')) {
          handleClientEvent(connection, message);
          return;
        }
        throw new ProtocolError(`Unsupported event: ${message.event.slice(0, 200)}`);
    }
  } catch (error) {
    if (error instanceof ProtocolError) {
      connection.sendError(error.message, error.code);
      if (error.close && error.code !== null) connection.close(error.code, error.message);
      return;
    }
    connection.app.logger.error(`unexpected error handling a frame from ${connection.socketId}`, error);
    connection.sendError('Internal server error', null);
  }
}

function frameSize(raw: RawData): number {
  if (Buffer.isBuffer(raw)) return raw.length;
  if (Array.isArray(raw)) return raw.reduce((sum, part) => sum + part.length, 0);
  return raw.byteLength;
}

function rawToString(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw).toString('utf8');
}
