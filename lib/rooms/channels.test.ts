import { describe, expect, it } from 'vitest';
import { parseRoomChannel, parseOnlookerChannel, roomChannelName, roomEventChannels, onlookerChannelName } from './channels';

describe('room channels', () => {
  it('round-trips hobby and business rooms', () => {
    expect(roomChannelName({ kind: 'hobby', slug: 'gaming' })).toBe('presence-hobby-gaming');
    expect(roomChannelName({ kind: 'business', slug: 'acme-hq' })).toBe('presence-business-acme-hq');
    expect(parseRoomChannel('presence-hobby-gaming')).toEqual({ kind: 'hobby', slug: 'gaming' });
    expect(parseRoomChannel('presence-business-acme-hq')).toEqual({ kind: 'business', slug: 'acme-hq' });
  });

  it('names each room\'s onlooker channel beside its presence channel (on the wire still private-watch-*, for running deployments), and never confuses the two', () => {
    expect(onlookerChannelName({ kind: 'business', slug: 'acme-hq' })).toBe('private-watch-business-acme-hq');
    expect(roomEventChannels({ kind: 'hobby', slug: 'gaming' })).toEqual(['presence-hobby-gaming', 'private-watch-hobby-gaming']);
    expect(parseOnlookerChannel('private-watch-hobby-gaming')).toEqual({ kind: 'hobby', slug: 'gaming' });
    expect(parseOnlookerChannel('presence-hobby-gaming')).toBeNull();
    expect(parseOnlookerChannel('private-watch-hobby-Gaming')).toBeNull();
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
