import { describe, expect, it } from 'vitest';
import { parseRoomChannel, parseWatchChannel, roomChannelName, roomEventChannels, watchChannelName } from './channels';

describe('room channels', () => {
  it('round-trips hobby and business rooms', () => {
    expect(roomChannelName({ kind: 'hobby', slug: 'gaming' })).toBe('presence-hobby-gaming');
    expect(roomChannelName({ kind: 'business', slug: 'acme-hq' })).toBe('presence-business-acme-hq');
    expect(parseRoomChannel('presence-hobby-gaming')).toEqual({ kind: 'hobby', slug: 'gaming' });
    expect(parseRoomChannel('presence-business-acme-hq')).toEqual({ kind: 'business', slug: 'acme-hq' });
  });

  it('names each room\'s watch channel beside its presence channel, and never confuses the two', () => {
    expect(watchChannelName({ kind: 'business', slug: 'acme-hq' })).toBe('private-watch-business-acme-hq');
    expect(roomEventChannels({ kind: 'hobby', slug: 'gaming' })).toEqual(['presence-hobby-gaming', 'private-watch-hobby-gaming']);
    expect(parseWatchChannel('private-watch-hobby-gaming')).toEqual({ kind: 'hobby', slug: 'gaming' });
    expect(parseWatchChannel('presence-hobby-gaming')).toBeNull();
    expect(parseWatchChannel('private-watch-hobby-Gaming')).toBeNull();
    expect(parseRoomChannel('private-watch-hobby-gaming')).toBeNull();
  });

  it.each([
    'private-hobby-gaming',
    'presence-gaming',
    'presence-secret-gaming',
    'presence-hobby-',
    'presence-hobby-Gaming',
    'presence-hobby-gam_ing',
    'presence-hobby-gaming ',
    `presence-hobby-${'a'.repeat(65)}`,
    'presence-business-acme-hq\n',
  ])('refuses %j', (name) => {
    expect(parseRoomChannel(name)).toBeNull();
  });
});
