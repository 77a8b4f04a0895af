import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { AppRegistry } from '../app';
import type { RealtimeEvents } from '../events';
import { connectionRejectionReason, httpRejectionReason } from './reasons';

/** Prefix of every metric this server defines (Node's default process metrics keep their usual names). */
export const METRIC_PREFIX = 'realtime_';

export interface ServerMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** The Prometheus text exposition of everything. */
  render(): Promise<string>;
  /** Stops listening to the event stream. */
  stop(): void;
}

/**
 * The server's Prometheus metrics, in a Registry of its own (several servers in one process do not
 * mix). Gauges (connections, channels, subscriptions, presence members) are read from live state at
 * scrape time, so they cannot drift; counters are fed from the internal event stream.
 */
export function createServerMetrics(apps: AppRegistry, events: RealtimeEvents, nodeId: () => string): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: `${METRIC_PREFIX}node_info`,
    help: 'Always 1; the node label is the random node id of this process (new on each start, and on a re-join after fencing).',
    labelNames: ['node'],
    registers: [registry],
    collect() {
      this.reset();
      this.set({ node: nodeId() }, 1);
    },
  });
  const counter = (name: string, help: string, labelNames: string[]): Counter =>
    new Counter({ name: METRIC_PREFIX + name, help, labelNames, registers: [registry] });

  const gauge = (name: string, help: string, read: (appId: string) => number): void => {
    new Gauge({
      name: METRIC_PREFIX + name,
      help,
      labelNames: ['app'],
      registers: [registry],
      collect() {
        for (const app of apps.all()) this.set({ app: app.id }, read(app.id));
      },
    });
  };
  const sumChannels = (appId: string, value: (count: { subscriptions: number; users: number | null }) => number): number => {
    let total = 0;
    for (const channel of apps.findById(appId)?.channels.all() ?? []) {
      total += value({ subscriptions: channel.subscriptionCount, users: channel.userCount });
    }
    return total;
  };
  gauge('connections', 'Open WebSocket connections.', (id) => apps.findById(id)?.connections.size ?? 0);
  gauge('channels', 'Occupied channels.', (id) => apps.findById(id)?.channels.size ?? 0);
  gauge('subscriptions', 'Channel subscriptions (one per connection and channel).', (id) => sumChannels(id, (c) => c.subscriptions));
  gauge('presence_members', 'Distinct users over all presence channels (a user in two channels counts twice).', (id) =>
    sumChannels(id, (c) => c.users ?? 0),
  );

  const opened = counter('connections_opened_total', 'WebSocket connections accepted.', ['app']);
  const closed = counter('connections_closed_total', 'WebSocket connections closed, by close code.', ['app', 'code']);
  const rejected = counter('connections_rejected_total', 'WebSocket connections refused at the handshake, by Pusher error code.', ['code', 'reason']);
  const subscribed = counter('subscriptions_total', 'Successful subscriptions.', ['app']);
  const refused = counter('subscriptions_refused_total', 'Refused subscriptions, by error type.', ['app', 'type']);
  const members = counter('presence_member_events_total', 'Presence members added and removed.', ['app', 'event']);
  const clientEvents = counter('client_events_total', 'Client events relayed.', ['app']);
  const apiEvents = counter('api_events_total', 'Events published through the REST API (one per channel).', ['app']);
  const received = counter('ws_messages_received_total', 'WebSocket frames received from clients.', ['app']);
  const receivedBytes = counter('ws_received_bytes_total', 'Bytes of WebSocket frames received.', ['app']);
  const sent = counter('ws_messages_sent_total', 'WebSocket frames sent to clients.', ['app']);
  const sentBytes = counter('ws_sent_bytes_total', 'Bytes of WebSocket frames sent (payload).', ['app']);
  const httpRequests = counter('http_requests_total', 'HTTP requests, by route and status.', ['method', 'route', 'status']);
  const httpRejected = counter('http_requests_rejected_total', 'HTTP requests answered with an error, by reason.', ['reason']);
  const delivered = counter('webhook_deliveries_total', 'Webhook POSTs answered 2xx.', ['app', 'url']);
  const failed = counter('webhook_failures_total', 'Failed webhook attempts (each retry counts).', ['app', 'url']);
  const dropped = counter('webhook_dropped_total', 'Webhook batches given up, by reason.', ['app', 'url', 'reason']);

  // Hot paths (every frame): label children are resolved once per app and reused.
  const perApp = new Map<string, { received: Counter.Internal; receivedBytes: Counter.Internal; sent: Counter.Internal; sentBytes: Counter.Internal }>();
  const children = (app: string) => {
    let found = perApp.get(app);
    if (!found) {
      found = { received: received.labels(app), receivedBytes: receivedBytes.labels(app), sent: sent.labels(app), sentBytes: sentBytes.labels(app) };
      perApp.set(app, found);
    }
    return found;
  };

  const stops = [
    events.on('connection_opened', ({ appId }) => opened.inc({ app: appId })),
    events.on('connection_closed', ({ appId, code }) => closed.inc({ app: appId, code: String(code) })),
    events.on('connection_rejected', ({ code }) => rejected.inc({ code: String(code), reason: connectionRejectionReason(code) })),
    events.on('subscribed', ({ appId }) => subscribed.inc({ app: appId })),
    events.on('subscription_refused', ({ appId, type }) => refused.inc({ app: appId, type })),
    events.on('member_added', ({ appId }) => members.inc({ app: appId, event: 'added' })),
    events.on('member_removed', ({ appId }) => members.inc({ app: appId, event: 'removed' })),
    events.on('client_event', ({ appId }) => clientEvents.inc({ app: appId })),
    events.on('api_event', ({ appId, channels }) => apiEvents.inc({ app: appId }, channels.length)),
    events.on('ws_message_received', ({ appId, bytes }) => {
      const c = children(appId);
      c.received.inc();
      c.receivedBytes.inc(bytes);
    }),
    events.on('ws_messages_sent', ({ appId, count, bytes }) => {
      const c = children(appId);
      c.sent.inc(count);
      c.sentBytes.inc(count * bytes);
    }),
    events.on('http_request', ({ method, route, status }) => {
      httpRequests.inc({ method, route, status: String(status) });
      const reason = httpRejectionReason(status);
      if (reason !== null) httpRejected.inc({ reason });
    }),
    events.on('webhook_delivered', ({ appId, url }) => delivered.inc({ app: appId, url })),
    events.on('webhook_failed', ({ appId, url }) => failed.inc({ app: appId, url })),
    events.on('webhook_dropped', ({ appId, url, reason }) => dropped.inc({ app: appId, url, reason }, 1)),
  ];

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    stop: () => {
      for (const stop of stops) stop();
    },
  };
}
