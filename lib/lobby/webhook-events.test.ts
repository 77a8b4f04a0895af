import { describe, expect, it } from 'vitest';
import { lobbyChannelFor, parseLobbyChannel } from './channels';
import { occupancyChanges } from './webhook-events';

describe('webhook events for the lobby', () => {
  it('names each changed room once and who left, ignoring other channels and events', () => {
    const changes = occupancyChanges([
      { name: 'member_added', channel: 'presence-hobby-gaming', user_id: 'a' },
      { name: 'member_removed', channel: 'presence-hobby-gaming', user_id: 'b' },
      { name: 'channel_vacated', channel: 'presence-business-acme-hq' },
      { name: 'client_event', channel: 'presence-hobby-music', event: 'client-typing', user_id: 'c' },
      { name: 'member_removed', channel: 'private-lobby', user_id: 'd' },
      'garbage',
    ]);
    expect(changes).toEqual({
      rooms: [
        { kind: 'hobby', slug: 'gaming' },
        { kind: 'business', slug: 'acme-hq' },
      ],
      leftUserIds: ['b'],
    });
  });

  it('round-trips lobby channel names', () => {
    expect(parseLobbyChannel(lobbyChannelFor({ kind: 'hobby', slug: 'x' }))).toEqual({ kind: 'hobby' });
    expect(parseLobbyChannel(lobbyChannelFor({ kind: 'business', slug: 'acme-hq' }))).toEqual({ kind: 'business', slug: 'acme-hq' });
    expect(parseLobbyChannel('private-lobby-business-')).toBeNull();
    expect(parseLobbyChannel('presence-hobby-gaming')).toBeNull();
  });
});
