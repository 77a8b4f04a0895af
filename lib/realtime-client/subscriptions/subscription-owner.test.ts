import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, eventually, nextEvent, startRealtimeNode, stopProcess, type Started } from './realtime-node.test-support';
import { SubscriptionOwner, type Farewell } from './subscription-owner';

/**
 * The owner against a real realtime node, with an observer in the same room: what the others see is what counts.
 * The orderings are the ones React produces: strict mode's cleanup-then-setup of one effect in one commit,
 * the cleanups of several components in either order, a view replaced by another on the same channel.
 */
const CAP = 2;
const LEAVING = 'client-leaving-room';
const MARKER = 'client-marker';
const SHORT_CLAIM_MS = 300;

type Heard = string[];

/** Everything the observer hears on the room, in order, as "event:user". */
function listen(channel: Channel): Heard {
  const heard: Heard = [];
  channel.bind('pusher:member_added', (member: { id: string }) => heard.push(`added:${member.id}`));
  channel.bind('pusher:member_removed', (member: { id: string }) => heard.push(`removed:${member.id}`));
  for (const event of [LEAVING, MARKER]) {
    channel.bind(event, (_data: unknown, metadata?: { user_id?: string }) => heard.push(`${event}:${metadata?.user_id ?? '?'}`));
  }
  return heard;
}

const afterTheCommit = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const subscribed = (channel: Channel) => (channel.subscribed ? Promise.resolve() : nextEvent(channel, 'pusher:subscription_succeeded').then(() => undefined));
const sayLeaving: Farewell = (channel) => channel.trigger(LEAVING, {});

describe('the subscription owner, seen from another member of the room', () => {
  let node: Started | undefined;
  let port = 0;
  const clients: Pusher[] = [];
  let room = 0;

  beforeAll(async () => {
    ({ node, port } = await startRealtimeNode({ REALTIME_MAX_PRESENCE_MEMBERS: String(CAP) }));
  }, 60_000);
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });
  afterAll(async () => stopProcess(node?.child));

  const connect = async (userId: string) => {
    const client = await connectAs(port, userId);
    clients.push(client);
    return client;
  };
  /** A fresh room with an observer in it, and ada's client and owner. */
  const setUp = async () => {
    room += 1;
    const name = `presence-owner-${room}`;
    const observer = await connect('obs');
    const observed = observer.subscribe(name);
    await subscribed(observed);
    const heard = listen(observed);
    const ada = await connect('ada');
    const owner = new SubscriptionOwner(ada, { claimTimeoutMs: SHORT_CLAIM_MS });
    /** Ada says a marker on the channel and the observer hears it: everything ada caused before it has arrived. */
    const markerHeard = async (channel: Channel) => {
      const arrived = nextEvent(observed, MARKER);
      channel.trigger(MARKER, {});
      await arrived;
    };
    return { name, observer, observed, heard, ada, owner, markerHeard };
  };

  it('keeps a channel whose only view runs its cleanup and setup again in one commit (strict mode): no leave, no leaving word', async () => {
    const { name, heard, owner, markerHeard } = await setUp();
    const first = owner.hold(name);
    await subscribed(first.channel);
    await eventually('observer sees ada', () => (heard.includes('added:ada') ? true : null), 5_000);
    // Cleanup, then the same effect again, synchronously, as React's development double run does.
    first.release(sayLeaving);
    const second = owner.hold(name);
    await afterTheCommit();
    expect(owner.status(name)).toEqual({ hold: 'held', server: 'subscribed', holders: 1 });
    await markerHeard(second.channel);
    expect(heard).toEqual(['added:ada', `${MARKER}:ada`]);
  });

  it('leaves once the last of several views lets go after the commit, whichever cleans up first, saying the leaving word before member_removed', async () => {
    for (const order of [['feed', 'chat'], ['chat', 'feed']] as const) {
      const { name, heard, owner } = await setUp();
      const leases = { feed: owner.hold(name), chat: owner.hold(name) };
      await subscribed(leases.feed.channel);
      // Every cleanup can still speak on the channel, in any order: it is left only after the commit.
      for (const view of order) {
        leases[view].release(view === 'feed' ? sayLeaving : undefined);
        expect(leases.feed.channel.subscribed).toBe(true);
      }
      expect(owner.status(name)?.hold).toBe('leaving');
      await afterTheCommit();
      expect(owner.status(name)).toBeNull();
      await eventually('observer sees ada leave', () => (heard.includes('removed:ada') ? true : null), 5_000);
      expect(heard).toEqual(['added:ada', `${LEAVING}:ada`, 'removed:ada']);
    }
  });

  it('hands a channel from one view to the next in one commit (hold before release, or release before hold) without leaving it', async () => {
    for (const handOver of ['hold-first', 'release-first'] as const) {
      const { name, heard, owner, markerHeard } = await setUp();
      const before = owner.hold(name);
      await subscribed(before.channel);
      let after;
      if (handOver === 'hold-first') {
        after = owner.hold(name);
        before.release(sayLeaving);
      } else {
        before.release(sayLeaving);
        after = owner.hold(name);
      }
      await afterTheCommit();
      await markerHeard(after.channel);
      expect(heard).toEqual(['added:ada', `${MARKER}:ada`]);
      // The farewell given up by the hand-over is not said later either.
      after.release();
      await afterTheCommit();
      await eventually('observer sees ada leave', () => (heard.includes('removed:ada') ? true : null), 5_000);
      expect(heard).toEqual(['added:ada', `${MARKER}:ada`, 'removed:ada']);
    }
  });

  it('drops an early subscription no view claims within the claim time, and keeps one a view claims', async () => {
    const { name, heard, owner, markerHeard } = await setUp();
    owner.holdEarly(name);
    expect(owner.status(name)?.hold).toBe('early');
    await eventually('observer sees ada', () => (heard.includes('added:ada') ? true : null), 5_000);
    await eventually('the early hold lapses', () => (owner.status(name) === null ? true : null), 5_000);
    await eventually('observer sees ada leave', () => (heard.includes('removed:ada') ? true : null), 5_000);

    owner.holdEarly(name);
    const lease = owner.hold(name);
    await subscribed(lease.channel);
    // Past the claim time (a later marker through the same path proves the early timer did not drop it).
    await new Promise((resolve) => setTimeout(resolve, SHORT_CLAIM_MS));
    await markerHeard(lease.channel);
    expect(owner.status(name)).toEqual({ hold: 'held', server: 'subscribed', holders: 1 });
    expect(heard.filter((item) => item === 'removed:ada')).toHaveLength(1);
  });

  it('keeps a full room’s refusal for the view that comes after it, asks again when told, and drops a refused channel it leaves', async () => {
    const { name, observed, owner, ada } = await setUp();
    const ben = await connect('ben');
    const benRoom = ben.subscribe(name);
    await subscribed(benRoom);
    // The room is at its cap (observer, ben): ada's early subscription is refused before any view holds it.
    owner.holdEarly(name);
    await eventually('refused', () => (owner.status(name)?.server === 'refused' ? true : null), 5_000);
    const lease = owner.hold(name);
    expect(lease.refusal()?.error).toMatchObject({ type: 'LimitReached' });

    const removed = nextEvent(observed, 'pusher:member_removed');
    ben.unsubscribe(name);
    await removed;
    const joined = nextEvent(lease.channel, 'pusher:subscription_succeeded');
    lease.askAgain();
    await joined;
    expect(lease.refusal()).toBeNull();
    lease.release();
    await afterTheCommit();

    // Refused again and released: pusher-js forgets the channel, so the next hold asks the server afresh.
    const carl = await connect('carl');
    await subscribed(carl.subscribe(name));
    owner.holdEarly(name);
    await eventually('refused again', () => (owner.status(name)?.server === 'refused' ? true : null), 5_000);
    owner.hold(name).release();
    await afterTheCommit();
    expect(ada.channel(name)).toBeUndefined();
  });
});
