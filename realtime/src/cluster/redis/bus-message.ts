/**
 * Messages on the cluster's pub/sub channels: fields joined by US (0x1F), which cannot occur in app
 * ids, channel names, socket ids or JSON text; the last field takes the rest (a frame, a user id).
 * - `E app channel except frame`: an event for a channel's subscribers (except one socket id); the
 *   frame is the complete WebSocket frame (binary, built once by the publisher), so a receiving node
 *   writes the bytes it read from Redis straight to its sockets
 * - `A app channel socket info user`: member_added, decided in Redis (not sent to `socket`)
 * - `R app channel user`: member_removed, decided in Redis
 * - `T app user`: close the user's connections (terminate_connections)
 * - `K app channel socket cached members`: inbox only; a subscription was recorded, attach the socket
 *   (`cached`: a cache channel's last event, '' for none)
 * - `M lists`: inbox only; member lists for reconciliation
 */
import { encodeTextMessage, isTextFrame } from '../../protocol/ws-frame';

export const FIELD_SEPARATOR = '\u001f';

export type BusMessage =
  | { type: 'A'; appId: string; channel: string; socketId: string; infoJson: string; userId: string }
  | { type: 'R'; appId: string; channel: string; userId: string }
  | { type: 'T'; appId: string; userId: string }
  | { type: 'K'; appId: string; channel: string; socketId: string; cached: string; members: string }
  | { type: 'M'; lists: string };

/** Splits off `count` fields; the remainder (which may contain the separator) is the last element. */
function fields(message: string, count: number): string[] | null {
  const parts: string[] = [];
  let from = 2;
  for (let i = 0; i < count; i += 1) {
    const at = message.indexOf(FIELD_SEPARATOR, from);
    if (at < 0) return null;
    parts.push(message.slice(from, at));
    from = at + 1;
  }
  parts.push(message.slice(from));
  return parts;
}

const SEPARATOR_BYTE = 0x1f;
const EVENT_TYPE_BYTE = 0x45; // 'E'

/** `E app channel except` + the WebSocket frame of `message`, as one Buffer (what PUBLISH sends). */
export function encodeEventBuffer(appId: string, channel: string, except: string, message: string): Buffer {
  const header = Buffer.from(`E${FIELD_SEPARATOR}${appId}${FIELD_SEPARATOR}${channel}${FIELD_SEPARATOR}${except}${FIELD_SEPARATOR}`, 'utf8');
  return Buffer.concat([header, encodeTextMessage(message).frame]);
}

export interface EventFrame {
  appId: string;
  channel: string;
  except: string;
  /** The WebSocket frame, a view of the received Buffer (no copy). */
  frame: Buffer;
}

/** An `E` message read as bytes; null when it is not one (or is malformed). */
export function decodeEventBuffer(message: Buffer): EventFrame | null {
  if (message[0] !== EVENT_TYPE_BYTE || message[1] !== SEPARATOR_BYTE) return null;
  const ends: number[] = [];
  let from = 2;
  for (let i = 0; i < 3; i += 1) {
    const at = message.indexOf(SEPARATOR_BYTE, from);
    if (at < 0) return null;
    ends.push(at);
    from = at + 1;
  }
  const [appEnd, channelEnd, exceptEnd] = ends as [number, number, number];
  const frame = message.subarray(exceptEnd + 1);
  if (!isTextFrame(frame)) return null;
  return {
    appId: message.toString('utf8', 2, appEnd),
    channel: message.toString('utf8', appEnd + 1, channelEnd),
    except: message.toString('utf8', channelEnd + 1, exceptEnd),
    frame,
  };
}

export function encodeTerminate(appId: string, userId: string): string {
  return `T${FIELD_SEPARATOR}${appId}${FIELD_SEPARATOR}${userId}`;
}

/** Null for anything malformed (logged by the caller, never thrown). */
export function decodeBusMessage(message: string): BusMessage | null {
  if (message[1] !== FIELD_SEPARATOR) return null;
  switch (message[0]) {
    case 'A': {
      const f = fields(message, 4);
      return f ? { type: 'A', appId: f[0] as string, channel: f[1] as string, socketId: f[2] as string, infoJson: f[3] as string, userId: f[4] as string } : null;
    }
    case 'R': {
      const f = fields(message, 2);
      return f ? { type: 'R', appId: f[0] as string, channel: f[1] as string, userId: f[2] as string } : null;
    }
    case 'T': {
      const f = fields(message, 1);
      return f ? { type: 'T', appId: f[0] as string, userId: f[1] as string } : null;
    }
    case 'K': {
      const f = fields(message, 4);
      return f ? { type: 'K', appId: f[0] as string, channel: f[1] as string, socketId: f[2] as string, cached: f[3] as string, members: f[4] as string } : null;
    }
    case 'M':
      return { type: 'M', lists: message.slice(2) };
    default:
      return null;
  }
}
