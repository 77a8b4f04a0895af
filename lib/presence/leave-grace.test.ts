import { describe, expect, it } from 'vitest';
import { departureText, DEPARTURE_MATCH_MS, expiredLeavers, isOneDeparture, LEAVE_GRACE_MS, nextGraceDeadline, readLeaveGraceMs, reconnectingIds, RECONNECTING_LABEL_AFTER_MS } from './leave-grace';

const T = 1_000_000;

describe('leave grace', () => {
  it('ends each member’s grace on time and labels them "reconnecting…" after a moment', () => {
    const leaving = new Map([
      ['ann', T],
      ['ben', T + 2_000],
    ]);
    expect(nextGraceDeadline(leaving, LEAVE_GRACE_MS)).toBe(T + LEAVE_GRACE_MS);
    expect(nextGraceDeadline(new Map(), LEAVE_GRACE_MS)).toBeNull();
    expect(expiredLeavers(leaving, T + LEAVE_GRACE_MS, LEAVE_GRACE_MS)).toEqual(['ann']);
    expect([...reconnectingIds(leaving, T + RECONNECTING_LABEL_AFTER_MS)]).toEqual(['ann']);
  });

  it('reads a browser’s own grace from storage within bounds, else the default', () => {
    const storage = (value: string | null) => ({ getItem: () => value });
    expect(readLeaveGraceMs(storage('30000'))).toBe(30_000);
    expect(readLeaveGraceMs(storage('5'))).toBe(LEAVE_GRACE_MS);
    expect(readLeaveGraceMs(storage('1e9'))).toBe(LEAVE_GRACE_MS);
    expect(readLeaveGraceMs(storage('soon'))).toBe(LEAVE_GRACE_MS);
    expect(readLeaveGraceMs(storage(null))).toBe(LEAVE_GRACE_MS);
    expect(readLeaveGraceMs(undefined)).toBe(LEAVE_GRACE_MS);
  });

  it('announces several departures in one sentence', () => {
    expect(departureText(['Ann'])).toBe('Ann left');
    expect(departureText(['Ann', 'Ben', 'Cat'])).toBe('Ann, Ben and Cat left');
  });

  it('pairs an announced departure with the server\'s removal only when they come close together, in either order', () => {
    expect(isOneDeparture(T, T + 5)).toBe(true);
    expect(isOneDeparture(T + 5, T)).toBe(true);
    expect(isOneDeparture(T, T + DEPARTURE_MATCH_MS)).toBe(true);
    expect(isOneDeparture(T, T + DEPARTURE_MATCH_MS + 1)).toBe(false);
    expect(isOneDeparture(undefined, T)).toBe(false);
    // Short enough that a person's other tab in the room, reloading moments later, keeps its grace.
    expect(DEPARTURE_MATCH_MS).toBeLessThan(LEAVE_GRACE_MS);
  });
});
