import Pusher from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import { leaveChannelSoon, stayOn } from './leave-channel-soon';

/** A pusher-js client that never connects (loopback, disconnected at once): only its channel bookkeeping is used. */
function offlineClient(): Pusher {
  const pusher = new Pusher('leave-soon-key', { cluster: 'loopback', wsHost: '127.0.0.1', wsPort: 9, forceTLS: false, enabledTransports: ['ws'] });
  pusher.disconnect();
  return pusher;
}

const afterTheCommit = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('leaving a channel soon', () => {
  let pusher: Pusher | undefined;
  afterEach(() => pusher?.disconnect());

  it('says its last word and unsubscribes once the current commit is over, not before', async () => {
    pusher = offlineClient();
    const channel = pusher.subscribe('presence-hobby-books');
    const said: string[] = [];
    leaveChannelSoon(pusher, channel, () => said.push('leaving'));
    expect(pusher.channel('presence-hobby-books')).toBe(channel);
    expect(said).toEqual([]);
    await afterTheCommit();
    expect(said).toEqual(['leaving']);
    expect(pusher.channel('presence-hobby-books')).toBeUndefined();
  });

  it('is called off by a view that comes back on the same channel at once (React development double run)', async () => {
    pusher = offlineClient();
    const channel = pusher.subscribe('presence-hobby-chess');
    const said: string[] = [];
    leaveChannelSoon(pusher, channel, () => said.push('leaving'));
    stayOn(pusher, 'presence-hobby-chess');
    await afterTheCommit();
    await afterTheCommit();
    expect(said).toEqual([]);
    expect(pusher.channel('presence-hobby-chess')).toBe(channel);
    // Another channel's departure is not called off by it.
    const other = pusher.subscribe('presence-hobby-go');
    leaveChannelSoon(pusher, other, () => said.push('leaving go'));
    stayOn(pusher, 'presence-hobby-chess');
    await afterTheCommit();
    expect(said).toEqual(['leaving go']);
    expect(pusher.channel('presence-hobby-go')).toBeUndefined();
  });
});
