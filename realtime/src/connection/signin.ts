import { verifyUserAuth } from '../auth/socket-auth';
import { CloseCode } from '../errors';
import { asRecord, encodeMessage } from '../protocol/messages';
import { WATCHLIST_LIMIT_ERROR_CODE, WATCHLIST_LIMIT_ERROR_MESSAGE } from '../watchlist/limits';
import { isInvisible, parseWatchlist } from '../watchlist/parse-watchlist';
import type { Connection } from './connection';

/**
 * `pusher:signin` with `auth = key:HMAC(secret, socket_id::user::user_data)` →
 * `pusher:signin_success`. A bad signature or user_data is answered with error 4009 and a close.
 * A watchlist over the limit keeps its first 100 ids and is reported with error 4302 after the success.
 */
export function handleSignin(connection: Connection, data: unknown): void {
  const payload = asRecord(data);
  const userData = payload?.user_data;
  const auth = payload?.auth;
  if (typeof userData !== 'string' || typeof auth !== 'string') {
    reject(connection, 'pusher:signin needs string auth and user_data');
    return;
  }
  if (!verifyUserAuth(connection.app.config, connection.socketId, userData, auth)) {
    reject(connection, 'Invalid signin signature');
    return;
  }
  let parsed: Record<string, unknown> | null;
  try {
    parsed = asRecord(JSON.parse(userData));
  } catch {
    parsed = null;
  }
  const id = parsed?.id;
  if (!parsed || typeof id !== 'string' || id === '') {
    reject(connection, 'user_data must be a JSON object with a non-empty string id');
    return;
  }
  const watchlist = parseWatchlist(parsed.watchlist);
  if (!watchlist.ok) {
    reject(connection, watchlist.problem);
    return;
  }
  if (connection.user !== null && connection.user.id !== id) {
    // Pusher: signin fails if the connection is already associated with a different user id.
    connection.sendError('This connection is already signed in as another user', CloseCode.Unauthorized);
    return;
  }
  if (connection.user === null) connection.app.addUserConnection(id, connection);
  connection.user = { id, info: parsed.user_info ?? {}, userData };
  connection.markAuthorized();
  connection.send(encodeMessage({ event: 'pusher:signin_success', data: { user_data: userData } }));
  if (watchlist.overLimit) connection.sendError(WATCHLIST_LIMIT_ERROR_MESSAGE, WATCHLIST_LIMIT_ERROR_CODE);
  connection.app.state.watchlist.signIn(connection, { userId: id, visible: !isInvisible(parsed), watchlist: watchlist.userIds });
  connection.app.events.emit('signed_in', { appId: connection.app.id, socketId: connection.socketId, userId: id });
}

function reject(connection: Connection, message: string): void {
  connection.sendError(message, CloseCode.Unauthorized);
  connection.close(CloseCode.Unauthorized, message);
}
