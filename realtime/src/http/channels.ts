import { HttpError } from '../errors';
import { channelKind, channelNameProblem } from '../protocol/channel-names';
import { channelAttributes, parseInfo } from './channel-info';
import type { ApiContext } from './context';

function channelParam({ app, params }: ApiContext): string {
  const name = params.channelName ?? '';
  const problem = channelNameProblem(name, app.config.limits.maxChannelNameLength);
  if (problem !== null) throw new HttpError(400, `invalid channel name: ${problem}`);
  return name;
}

/** GET /apps/{id}/channels?filter_by_prefix=&info=user_count — occupied channels. */
export async function listChannels({ app, query }: ApiContext): Promise<unknown> {
  const prefix = query.get('filter_by_prefix') ?? '';
  const info = parseInfo(query.get('info'));
  if (info.has('user_count') && !prefix.startsWith('presence-')) {
    throw new HttpError(400, 'info=user_count requires filter_by_prefix=presence-');
  }
  const channels: Record<string, Record<string, number>> = {};
  for (const [name, summary] of await app.state.occupiedChannels(app, prefix)) {
    channels[name] = channelAttributes(name, summary, info);
  }
  return { channels };
}

/** GET /apps/{id}/channels/{name}?info=user_count,subscription_count */
export async function getChannel(context: ApiContext): Promise<unknown> {
  const name = channelParam(context);
  const info = parseInfo(context.query.get('info'));
  if (info.has('user_count') && channelKind(name) !== 'presence') {
    throw new HttpError(400, 'user_count is only available for presence channels');
  }
  const summary = (await context.app.state.channelSummaries(context.app, [name])).get(name);
  return { occupied: (summary?.subscriptionCount ?? 0) > 0, ...channelAttributes(name, summary, info) };
}

/** GET /apps/{id}/channels/{name}/users — presence only; each user id once. */
export async function getChannelUsers(context: ApiContext): Promise<unknown> {
  const name = channelParam(context);
  if (channelKind(name) !== 'presence') throw new HttpError(400, 'users are only available for presence channels');
  const ids = await context.app.state.channelUsers(context.app, name);
  return { users: ids.map((id) => ({ id })) };
}
