'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { bindEvents } from '@/lib/realtime-client/bind-events';
import { useSubscriptions } from '@/lib/realtime-client/realtime-provider';
import type { ActivityState } from './activity/tab-activity';
import { useTabActivity } from './activity/use-tab-activity';
import { applyBeacon, BEACON_CLIENT_EVENT, beaconSchema, forgetTab, pruneSilentTabs, summarizePerson, TAB_HEARTBEAT_MS, tabsHeardSince, type Beacon, type PersonActivity, type TabRegistry } from './beacons';
import type { HeardAt } from './departures/member-lifetime';
import type { RoomFeed } from './feed/room-feed';
import { randomId, thisDeviceId, thisDeviceKind } from './devices/this-device';
import { TAB_CLOSED_EVENT, tabClosedEventSchema } from './goodbye';

/**
 * Answers to a newcomer's hello wait a random moment up to this long, so a room does not answer in one burst
 * and several hellos close together get one answer (Pusher allows 10 client events per second per connection).
 */
const HELLO_REPLY_MAX_DELAY_MS = 400;

type TabIdentity = Pick<Beacon, 'tab' | 'device' | 'kind'>;

/**
 * Activity and devices of everyone in a room, from the beacons of their tabs (see lib/presence/beacons.ts),
 * with this tab's own state included. `feed`: how the room page follows the room (an onlooker hears mirrored
 * beacons and sends none); `slug`: the room, for the goodbye a closing tab posts to the app (./goodbye.ts);
 * `removedAt`: the presence store's last member_removed per user: a user with no connection left has no live
 * tab, whether or not their bye arrived, so tabs heard before it are not counted.
 */
export function useRoomActivity(feed: RoomFeed, myId: string, slug: string, removedAt: HeardAt): ReadonlyMap<string, PersonActivity> {
  const subscriptions = useSubscriptions();
  const ownState = useTabActivity();
  const [registry, setRegistry] = useState<TabRegistry>(() => new Map());
  const [identity, setIdentity] = useState<TabIdentity | null>(null);
  const stateRef = useRef<ActivityState>(ownState);
  const sendRef = useRef<((extra?: Partial<Beacon>) => void) | null>(null);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the ids live in the browser (crypto, localStorage), not on the server render
    setIdentity({ tab: randomId(), device: thisDeviceId(), kind: thisDeviceKind() });
  }, []);

  useEffect(() => {
    if (!subscriptions || !identity) return;
    const lease = subscriptions.hold(feed.channelName);
    const channel = lease.channel;
    let replyTimer: ReturnType<typeof setTimeout> | undefined;

    const send = (extra: Partial<Beacon> = {}) => {
      const beacon: Beacon = { tab: identity.tab, device: identity.device, kind: identity.kind, state: stateRef.current, ...extra };
      feed.say(channel, BEACON_CLIENT_EVENT, beacon);
    };
    sendRef.current = send;

    const onBeacon = (data: unknown, userId: string) => {
      const beacon = beaconSchema.safeParse(data);
      if (!beacon.success) return;
      setRegistry((current) => applyBeacon(current, userId, beacon.data, Date.now()));
      if (beacon.data.hello && replyTimer === undefined) {
        replyTimer = setTimeout(() => {
          replyTimer = undefined;
          send();
        }, Math.random() * HELLO_REPLY_MAX_DELAY_MS);
      }
    };
    // Every (re)subscription: say hello, so everyone (again) knows this tab and answers with theirs.
    const onSubscribed = () => send({ hello: true });
    // The client event is often lost with the closing socket; the app's copy, posted by sendBeacon, is not.
    const onPageHide = () => {
      send({ bye: true });
      feed.sayGoodbye(slug, { tab: identity.tab, device: identity.device });
    };
    // Back from the back/forward cache after having said goodbye: this tab is here again.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) send({ hello: true });
    };
    // Another tab's goodbye, relayed by the app: the user id is the app's (from that tab's session).
    const onTabClosed = (data: unknown) => {
      const closed = tabClosedEventSchema.safeParse(data);
      if (closed.success) setRegistry((current) => forgetTab(current, closed.data.userId, closed.data.tab));
    };
    const heartbeat = setInterval(() => {
      send();
      setRegistry((current) => pruneSilentTabs(current, Date.now()));
    }, TAB_HEARTBEAT_MS);

    const unbindBeacons = feed.bindClientEvents(channel, { [BEACON_CLIENT_EVENT]: onBeacon });
    const unbind = bindEvents(channel, {
      'pusher:subscription_succeeded': onSubscribed,
      [TAB_CLOSED_EVENT]: onTabClosed,
    });
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
    if (channel.subscribed) onSubscribed();
    return () => {
      clearTimeout(replyTimer);
      clearInterval(heartbeat);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      // Leaving the room view (or starting to appear offline): the others forget this tab now. The view leaves
      // the channel only after every cleanup has run (lib/realtime-client/subscriptions/subscription-owner.ts).
      send({ bye: true });
      unbindBeacons();
      unbind();
      lease.release();
      sendRef.current = null;
      setRegistry(new Map());
    };
  }, [subscriptions, feed, identity, slug]);

  // Our own state changed: tell the room.
  useEffect(() => {
    if (stateRef.current === ownState) return;
    stateRef.current = ownState;
    sendRef.current?.();
  }, [ownState]);

  return useMemo(() => {
    const people = new Map<string, PersonActivity>();
    for (const [userId, tabs] of registry) {
      if (userId === myId) continue;
      const summary = summarizePerson(tabsHeardSince(tabs, removedAt.get(userId)));
      if (summary) people.set(userId, summary);
    }
    // This tab counts for its own person (an onlooker's own row shows it too, as a member's does).
    const mine = identity ? applyBeacon(registry, myId, { ...identity, state: ownState }, 0).get(myId) : registry.get(myId);
    const summary = summarizePerson(mine);
    if (summary) people.set(myId, summary);
    return people;
  }, [registry, myId, identity, ownState, removedAt]);
}
