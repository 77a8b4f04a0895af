import type { ApiContext } from './context';

/** POST /apps/{id}/users/{user_id}/terminate_connections — closes every connection signed in as the user. */
export async function terminateUserConnections({ app, params }: ApiContext): Promise<unknown> {
  await app.state.terminateUser(app, params.userId ?? '');
  return {};
}
