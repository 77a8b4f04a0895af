import { describe, expect, it } from 'vitest';
import { goodbyePath, goodbyeRequestSchema, tabClosedEventSchema } from './goodbye';

const TAB = '0123456789abcdef0123456789abcdef';
const DEVICE = 'fedcba9876543210fedcba9876543210';

describe('a closing tab’s goodbye', () => {
  it('carries a tab id and a device id of the right shape, and nothing about who sends it', () => {
    expect(goodbyeRequestSchema.parse({ tab: TAB, device: DEVICE, userId: 'someone-else' })).toEqual({ tab: TAB, device: DEVICE });
    for (const bad of [
      { tab: TAB },
      { tab: TAB, device: 'short' },
      { tab: TAB, device: 'x'.repeat(41) },
      { tab: '<script>alert(1)</script>', device: DEVICE },
      { tab: TAB, device: `${DEVICE}\n` },
      { tab: 42, device: DEVICE },
    ]) {
      expect(goodbyeRequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('is relayed as an event naming the user, which a page accepts only whole', () => {
    expect(tabClosedEventSchema.safeParse({ userId: 'u-1', tab: TAB, device: DEVICE }).success).toBe(true);
    expect(tabClosedEventSchema.safeParse({ tab: TAB, device: DEVICE }).success).toBe(false);
    expect(tabClosedEventSchema.safeParse({ userId: 'u'.repeat(65), tab: TAB, device: DEVICE }).success).toBe(false);
  });

  it('goes to the room’s goodbye route', () => {
    expect(goodbyePath('music')).toBe('/api/rooms/music/presence/goodbye');
  });
});
