import { CloseCode } from '../errors';
import type { ApiContext } from './context';

/** POST /apps/{id}/users/{user_id}/terminate_connections — closes every connection signed in as the user. */
export function terminateUserConnections({ app, params }: ApiContext): unknown {
  const userId = params.userId ?? '';
  const connections = app.users.get(userId);
  if (connections) {
    for (const connection of [...connections]) {
      connection.close(CloseCode.Unauthorized, 'Connections of this user were terminated');
    }
  }
  return {};
}
