import { HttpError } from '../errors';
import { PresenceChannel } from '../channels/presence';
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
export function listChannels({ app, query }: ApiContext): unknown {
  const prefix = query.get('filter_by_prefix') ?? '';
  const info = parseInfo(query.get('info'));
  if (info.has('user_count') && !prefix.startsWith('presence-')) {
    throw new HttpError(400, 'info=user_count requires filter_by_prefix=presence-');
  }
  const channels: Record<string, Record<string, number>> = {};
  for (const channel of app.channels.all()) {
    if (!channel.name.startsWith(prefix) || channel.subscriptionCount === 0) continue;
    channels[channel.name] = channelAttributes(app, channel.name, info);
  }
  return { channels };
}

/** GET /apps/{id}/channels/{name}?info=user_count,subscription_count */
export function getChannel(context: ApiContext): unknown {
  const name = channelParam(context);
  const info = parseInfo(context.query.get('info'));
  if (info.has('user_count') && channelKind(name) !== 'presence') {
    throw new HttpError(400, 'user_count is only available for presence channels');
  }
  const channel = context.app.channels.get(name);
  return { occupied: (channel?.subscriptionCount ?? 0) > 0, ...channelAttributes(context.app, name, info) };
}

/** GET /apps/{id}/channels/{name}/users — presence only; each user id once. */
export function getChannelUsers(context: ApiContext): unknown {
  const name = channelParam(context);
  if (channelKind(name) !== 'presence') throw new HttpError(400, 'users are only available for presence channels');
  const channel = context.app.channels.get(name);
  const ids = channel instanceof PresenceChannel ? channel.userIds() : [];
  return { users: ids.map((id) => ({ id })) };
}
