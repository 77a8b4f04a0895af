import { isCacheChannel } from '../channels/cache';
import type { LocalChannel } from '../channels/channel';
import { SubscriptionError } from '../errors';
import { channelKind, channelNameProblem, userIdOfServerToUserChannel } from '../protocol/channel-names';
import { asRecord, encodeMessage } from '../protocol/messages';
import type { Connection } from './connection';

/** `pusher:subscribe` → `pusher_internal:subscription_succeeded` or `pusher:subscription_error`. */
export function handleSubscribe(connection: Connection, data: unknown): void {
  const app = connection.app;
  const payload = asRecord(data);
  const name = payload?.channel;
  const problem = channelNameProblem(name, app.config.limits.maxChannelNameLength);
  if (problem !== null || typeof name !== 'string') {
    refuseSubscription(connection, typeof name === 'string' ? name : undefined, new SubscriptionError('InvalidChannel', `Invalid channel: ${problem}`, 400));
    return;
  }

  if (channelKind(name) === 'server-to-user') {
    // pusher-js subscribes to its own #server-to-user-{id} after signin; events for it are routed
    // by user id (App.publish), so only the acknowledgement is needed here.
    if (connection.user === null || connection.user.id !== userIdOfServerToUserChannel(name)) {
      refuseSubscription(connection, name, new SubscriptionError('AuthError', 'Sign in as this user to subscribe to its server-to-user channel', 403));
      return;
    }
    connection.send(encodeMessage({ event: 'pusher_internal:subscription_succeeded', channel: name, data: '{}' }));
    return;
  }

  const limits = app.config.limits;
  const repeat = connection.subscriptions.has(name) || connection.subscribing.has(name);
  if (!repeat && connection.subscriptions.size + connection.subscribing.size >= limits.maxSubscriptionsPerConnection) {
    answerRefusal(connection, name, new SubscriptionError('LimitReached', `A connection may hold at most ${limits.maxSubscriptionsPerConnection} subscriptions; unsubscribe from one first`, 403));
    return;
  }
  if (!connection.subscribeRequests.tryTake()) {
    answerRefusal(connection, name, new SubscriptionError('RateLimited', `Too many subscribe requests: at most ${limits.subscribesPerSecond} per second; retry shortly`, 429));
    return;
  }
  if (!repeat) connection.subscribing.add(name);
  try {
    app.state.subscribe(connection, name, { auth: payload?.auth, channelData: payload?.channel_data });
  } catch (error) {
    connection.subscribing.delete(name);
    throw error;
  }
}

/** Records a new subscription on the connection and replays a cache channel's last event. */
export function confirmSubscription(connection: Connection, channel: LocalChannel): void {
  const app = connection.app;
  connection.subscribing.delete(channel.name);
  if (connection.subscriptions.has(channel.name)) return;
  connection.subscriptions.set(channel.name, channel);
  // Pusher's authorized connections: a signed channel authorization counts as authorizing the connection.
  if (channel.kind !== 'public' && channel.kind !== 'server-to-user') connection.markAuthorized();
  app.events.emit('subscribed', { appId: app.id, channel: channel.name, socketId: connection.socketId });
  if (isCacheChannel(channel.name)) {
    // Cache channels: replay the last event, or say there is none.
    connection.send(app.cache.lookup(channel.name) ?? encodeMessage({ event: 'pusher:cache_miss', channel: channel.name }));
  }
}

/** `pusher:unsubscribe`: silent, as in Pusher. Unknown channels are ignored. */
export function handleUnsubscribe(connection: Connection, data: unknown): void {
  const name = asRecord(data)?.channel;
  if (typeof name !== 'string') {
    connection.sendError('pusher:unsubscribe needs a channel', null);
    return;
  }
  connection.subscribing.delete(name);
  if (!connection.app.state.unsubscribe(connection, name)) return;
  connection.subscriptions.delete(name);
  connection.app.events.emit('unsubscribed', { appId: connection.app.id, channel: name, socketId: connection.socketId });
}

/** The state refused a subscription it was asked for: answers `pusher:subscription_error` (or a `pusher:error` when there is no channel to address). */
export function refuseSubscription(connection: Connection, channel: string | undefined, error: SubscriptionError): void {
  if (channel !== undefined) connection.subscribing.delete(channel);
  answerRefusal(connection, channel, error);
}

/** A refusal before the state was asked (limits): the connection's bookkeeping is unchanged. */
function answerRefusal(connection: Connection, channel: string | undefined, error: SubscriptionError): void {
  const app = connection.app;
  app.events.emit('subscription_refused', { appId: app.id, channel: channel ?? '', socketId: connection.socketId, type: error.type });
  const body = { type: error.type, error: error.message, status: error.status };
  if (channel !== undefined) {
    connection.send(encodeMessage({ event: 'pusher:subscription_error', channel, data: body }));
  } else {
    // No channel to address the refusal to: say it at connection level.
    connection.sendError(error.message, null);
  }
}
