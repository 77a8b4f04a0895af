import { describe, expect, it } from 'vitest';
import { parseRoomChannel, roomChannelName } from './channels';

describe('room channels', () => {
  it('round-trips hobby and business rooms', () => {
    expect(roomChannelName({ kind: 'hobby', slug: 'gaming' })).toBe('presence-hobby-gaming');
    expect(roomChannelName({ kind: 'business', slug: 'acme-hq' })).toBe('presence-business-acme-hq');
    expect(parseRoomChannel('presence-hobby-gaming')).toEqual({ kind: 'hobby', slug: 'gaming' });
    expect(parseRoomChannel('presence-business-acme-hq')).toEqual({ kind: 'business', slug: 'acme-hq' });
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
