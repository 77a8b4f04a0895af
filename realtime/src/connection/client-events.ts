import { CloseCode } from '../errors';
import type { IncomingMessage } from '../protocol/messages';
import { dataAsString, encodeMessage } from '../protocol/messages';
import type { Connection } from './connection';

/**
 * A `client-*` event from a connection: relayed to the channel's other subscribers when the app
 * allows client events, the sender is subscribed to that private/presence channel, the name and
 * payload fit the limits and the sender is within 10 events/s. Anything else gets a
 * `pusher:error` and reaches no one.
 */
export function handleClientEvent(connection: Connection, message: IncomingMessage): void {
  const app = connection.app;
  const limits = app.config.limits;
  if (!app.config.enableClientEvents) {
    connection.sendError('Client events are disabled for this app', null);
    return;
  }
  if (!connection.clientEvents.tryTake()) {
    connection.sendError(
      `Client event rejected: more than ${limits.clientEventsPerSecond} client events per second`,
      CloseCode.ClientEventRateLimit,
    );
    return;
  }
  if (message.event.length > limits.maxEventNameLength) {
    connection.sendError(`Client event name is longer than ${limits.maxEventNameLength} characters`, null);
    return;
  }
  const channelName = message.channel;
  if (channelName === undefined) {
    connection.sendError('Client event needs a channel', null);
    return;
  }
  const channel = connection.subscriptions.get(channelName);
  if (!channel) {
    connection.sendError(`Client event on ${channelName} rejected: not subscribed to it`, null);
    return;
  }
  if (!channel.allowsClientEvents) {
    connection.sendError(`Client events are only allowed on private and presence channels, not ${channelName}`, null);
    return;
  }
  const data = dataAsString(message.data);
  if (Buffer.byteLength(data, 'utf8') > limits.maxEventPayloadBytes) {
    connection.sendError(`Client event payload is larger than ${limits.maxEventPayloadBytes} bytes`, null);
    return;
  }
  const userId = channel.userIdOf(connection);
  const frame = encodeMessage(
    userId === undefined
      ? { event: message.event, channel: channelName, data }
      : { event: message.event, channel: channelName, data, user_id: userId },
  );
  app.state.relayClientEvent(connection, channel, frame);
  app.events.emit('client_event', {
    appId: app.id,
    channel: channelName,
    event: message.event,
    data,
    socketId: connection.socketId,
    ...(userId === undefined ? {} : { userId }),
  });
}
