/**
 * Keyset cursors for message history: the (created_at, id) of the oldest message a page holds, as one opaque,
 * URL-safe string. Anything that does not decode to exactly that is refused (null).
 */
export type MessageCursor = { createdAt: Date; id: string };

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SEPARATOR = '_';
/** An ISO timestamp plus a uuid fits easily; longer input is refused before decoding. */
export const MAX_CURSOR_LENGTH = 128;

export function encodeCursor({ createdAt, id }: MessageCursor): string {
  return Buffer.from(`${createdAt.toISOString()}${SEPARATOR}${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): MessageCursor | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const [iso, id, ...rest] = text.split(SEPARATOR);
  if (!iso || !id || rest.length > 0 || !UUID_PATTERN.test(id)) return null;
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) return null;
  return { createdAt, id };
}
