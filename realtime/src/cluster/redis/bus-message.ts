/**
 * Messages on the cluster's pub/sub channels: fields joined by US (0x1F), which cannot occur in app
 * ids, channel names, socket ids or JSON text; the last field takes the rest (a frame, a user id).
 * - `E app channel except frame`: an event for a channel's subscribers (except one socket id)
 * - `A app channel socket info user`: member_added, decided in Redis (not sent to `socket`)
 * - `R app channel user`: member_removed, decided in Redis
 * - `T app user`: close the user's connections (terminate_connections)
 * - `K app channel socket members`: inbox only; a subscription was recorded, attach the socket
 * - `M lists`: inbox only; member lists for reconciliation
 */
export const FIELD_SEPARATOR = '\u001f';

export type BusMessage =
  | { type: 'E'; appId: string; channel: string; except: string; frame: string }
  | { type: 'A'; appId: string; channel: string; socketId: string; infoJson: string; userId: string }
  | { type: 'R'; appId: string; channel: string; userId: string }
  | { type: 'T'; appId: string; userId: string }
  | { type: 'K'; appId: string; channel: string; socketId: string; members: string }
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

export function encodeEvent(appId: string, channel: string, except: string, frame: string): string {
  return `E${FIELD_SEPARATOR}${appId}${FIELD_SEPARATOR}${channel}${FIELD_SEPARATOR}${except}${FIELD_SEPARATOR}${frame}`;
}

export function encodeTerminate(appId: string, userId: string): string {
  return `T${FIELD_SEPARATOR}${appId}${FIELD_SEPARATOR}${userId}`;
}

/** Null for anything malformed (logged by the caller, never thrown). */
export function decodeBusMessage(message: string): BusMessage | null {
  if (message[1] !== FIELD_SEPARATOR) return null;
  switch (message[0]) {
    case 'E': {
      const f = fields(message, 3);
      return f ? { type: 'E', appId: f[0] as string, channel: f[1] as string, except: f[2] as string, frame: f[3] as string } : null;
    }
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
      const f = fields(message, 3);
      return f ? { type: 'K', appId: f[0] as string, channel: f[1] as string, socketId: f[2] as string, members: f[3] as string } : null;
    }
    case 'M':
      return { type: 'M', lists: message.slice(2) };
    default:
      return null;
  }
}
