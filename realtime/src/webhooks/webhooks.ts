import type { AppConfig, WebhookEventName, WebhookOptions } from '../config/schema';
import type { RealtimeEvents } from '../events';
import { LeaveDelay } from './leave-delay';
import type { WebhookEvent } from './payload';
import { WebhookTarget, type WebhookSettled } from './target';

interface AppWebhooks {
  /** Targets wanting each event name. */
  byEvent: Map<WebhookEventName, WebhookTarget[]>;
  all: WebhookTarget[];
}

/**
 * Turns the internal event stream into Pusher webhooks for every app that configures some.
 * Listeners only append to in-memory batches; delivery is asynchronous (see WebhookTarget), so a
 * slow or dead receiver never touches the WebSocket path. Joins and leaves go through a LeaveDelay:
 * a leave is held, and a join within the delay cancels both.
 */
export class Webhooks {
  private readonly apps = new Map<string, AppWebhooks>();
  private readonly leaves: LeaveDelay;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    apps: readonly AppConfig[],
    private readonly options: WebhookOptions,
    private readonly events: RealtimeEvents,
  ) {
    this.leaves = new LeaveDelay(options.leaveDelayMs);
    for (const app of apps) {
      if (app.webhooks.length === 0) continue;
      const byEvent = new Map<WebhookEventName, WebhookTarget[]>();
      const all: WebhookTarget[] = [];
      for (const webhook of app.webhooks) {
        const target = new WebhookTarget({ appId: app.id, appKey: app.key, appSecret: app.secret, url: webhook.url, options, events });
        all.push(target);
        for (const name of new Set(webhook.events)) byEvent.set(name, [...(byEvent.get(name) ?? []), target]);
      }
      this.apps.set(app.id, { byEvent, all });
    }
    if (this.apps.size > 0) this.listenClientEvents(events);
  }

  /**
   * Single process: occupied/vacated and member events come from the internal event stream, with
   * leaves held here. (In a cluster the shared queue holds them and calls `send` instead.)
   */
  holdTransitionsLocally(): void {
    if (this.apps.size > 0) this.listenTransitions(this.events);
  }

  /** Ids of the apps with webhooks (the cluster's shared queue only holds events for those). */
  webhookApps(): string[] {
    return [...this.apps.keys()];
  }

  /** How long member_removed / channel_vacated are held before they are sent. */
  get leaveDelayMs(): number {
    return this.options.leaveDelayMs;
  }

  /** Whether any app has a webhook (when none does, nothing is subscribed). */
  get enabled(): boolean {
    return this.apps.size > 0;
  }

  /** Shutdown: releases held leaves, then delivers what it can within `timeoutMs`. Stops listening. */
  async drain(timeoutMs: number): Promise<void> {
    for (const stop of this.unsubscribe.splice(0)) stop();
    this.leaves.releaseAll();
    const deadline = Date.now() + timeoutMs;
    await Promise.all([...this.apps.values()].flatMap((app) => app.all.map((target) => target.drain(deadline))));
  }

  private listenTransitions(events: RealtimeEvents): void {
    this.unsubscribe.push(
      events.on('channel_occupied', ({ appId, channel }) => {
        if (this.wanted(appId) && !this.leaves.cancel(channelKey(appId, channel))) this.send(appId, { name: 'channel_occupied', channel });
      }),
      events.on('channel_vacated', ({ appId, channel }) => {
        if (!this.wanted(appId)) return;
        this.leaves.hold(channelKey(appId, channel), () => this.send(appId, { name: 'channel_vacated', channel }));
      }),
      events.on('member_added', ({ appId, channel, userId }) => {
        if (this.wanted(appId) && !this.leaves.cancel(memberKey(appId, channel, userId))) {
          this.send(appId, { name: 'member_added', channel, user_id: userId });
        }
      }),
      events.on('member_removed', ({ appId, channel, userId }) => {
        if (!this.wanted(appId)) return;
        this.leaves.hold(memberKey(appId, channel, userId), () => this.send(appId, { name: 'member_removed', channel, user_id: userId }));
      }),
    );
  }

  private listenClientEvents(events: RealtimeEvents): void {
    this.unsubscribe.push(
      events.on('client_event', ({ appId, channel, event, data, socketId, userId }) => {
        if (!this.wanted(appId)) return;
        this.send(appId, {
          name: 'client_event',
          channel,
          event,
          data,
          socket_id: socketId,
          ...(userId === undefined ? {} : { user_id: userId }),
        });
      }),
    );
  }

  private wanted(appId: string): boolean {
    return this.apps.has(appId);
  }

  /**
   * Queues one event for every target of the app that wants it. `settled` (optional) is called once,
   * when every target has delivered or dropped it: 'delivered' only if none dropped it, else a drop reason.
   */
  send(appId: string, event: WebhookEvent, settled?: WebhookSettled): void {
    const targets = this.apps.get(appId)?.byEvent.get(event.name) ?? [];
    if (!settled) {
      for (const target of targets) target.add(event);
      return;
    }
    if (targets.length === 0) {
      settled('delivered');
      return;
    }
    let waiting = targets.length;
    let outcome: Parameters<WebhookSettled>[0] = 'delivered';
    const one: WebhookSettled = (result) => {
      if (result !== 'delivered' && outcome !== 'shutdown') outcome = result;
      waiting -= 1;
      if (waiting === 0) settled(outcome);
    };
    for (const target of targets) target.add(event, one);
  }
}

// NUL cannot occur in app ids, channel names or user ids we accept, so keys cannot collide.
function channelKey(appId: string, channel: string): string {
  return `c\u0000${appId}\u0000${channel}`;
}

function memberKey(appId: string, channel: string, userId: string): string {
  return `m\u0000${appId}\u0000${channel}\u0000${userId}`;
}
