/** Wire format of Pusher protocol 7 messages (pusher-websockets-protocol.md). */

export interface IncomingMessage {
  event: string;
  channel?: string;
  data: unknown;
}

export interface OutgoingMessage {
  event: string;
  channel?: string;
  /** Strings are sent as they are; anything else is JSON-encoded by `encodeMessage`. */
  data?: unknown;
  user_id?: string;
}

export type ParseResult = { ok: true; message: IncomingMessage } | { ok: false; problem: string };

/** Parses one text frame; never throws. */
export function parseIncoming(text: string): ParseResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'Invalid JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { ok: false, problem: 'A message must be a JSON object' };
  }
  const record = parsed as Record<string, unknown>;
  if (typeof record.event !== 'string' || record.event === '') {
    return { ok: false, problem: 'A message needs a string "event"' };
  }
  if (record.channel !== undefined && typeof record.channel !== 'string') {
    return { ok: false, problem: '"channel" must be a string' };
  }
  // pusher-js sends `data` as an object for pusher:* events; some clients double-encode it.
  let data = record.data;
  if (typeof data === 'string' && record.event.startsWith('pusher:')) {
    try {
      data = JSON.parse(data);
    } catch {
      // Leave it as a string: the handler will say what is missing.
    }
  }
  return { ok: true, message: { event: record.event, channel: record.channel as string | undefined, data } };
}

/** Serializes once; the result can be written to any number of sockets. */
export function encodeMessage(message: OutgoingMessage): string {
  return JSON.stringify(message);
}

/** Channel event data travels as a string ("double encoding"); objects are JSON-encoded. */
export function dataAsString(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data ?? null);
}

export function errorMessage(message: string, code: number | null): string {
  return encodeMessage({ event: 'pusher:error', data: { code, message } });
}

export function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
