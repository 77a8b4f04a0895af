import { describe, expect, it } from 'vitest';
import { departureText, DEPARTURE_MATCH_MS, graceOver, initialLifetimes, LEAVE_GRACE_MS, leavingWord, nextGraceDeadline, readLeaveGraceMs, reconnectingIds, RECONNECTING_LABEL_AFTER_MS, serverRemoved } from './member-lifetime';

const T = 1_000_000;

describe('leave grace', () => {
  it('ends each member’s grace on time and labels them "reconnecting…" after a moment', () => {
    const leaving = new Map([
      ['ann', T],
      ['ben', T + 2_000],
    ]);
    expect(nextGraceDeadline(leaving, LEAVE_GRACE_MS)).toBe(T + LEAVE_GRACE_MS);
    expect(nextGraceDeadline(new Map(), LEAVE_GRACE_MS)).toBeNull();
    expect(graceOver({ ...initialLifetimes(), leaving }, T + LEAVE_GRACE_MS, LEAVE_GRACE_MS)).toEqual(['ann']);
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

  it('pairs a leaving word with the server\'s removal only when they come close together, in either order', () => {
    const pairs = (wordAt: number, removedAt: number, wordFirst: boolean) => {
      const start = initialLifetimes();
      if (wordFirst) return serverRemoved(leavingWord(start, 'ann', wordAt).lifetimes, 'ann', removedAt).gone;
      return leavingWord(serverRemoved(start, 'ann', removedAt).lifetimes, 'ann', wordAt).gone;
    };
    for (const wordFirst of [true, false]) {
      expect(pairs(T, T + 5, wordFirst)).toEqual(['ann']);
      expect(pairs(T, T + DEPARTURE_MATCH_MS, wordFirst)).toEqual(['ann']);
      expect(pairs(T, T + DEPARTURE_MATCH_MS + 1, wordFirst)).toEqual([]);
    }
    // The removal alone starts a grace; the word alone changes nothing the others see.
    expect(serverRemoved(initialLifetimes(), 'ann', T).lifetimes.leaving.get('ann')).toBe(T);
    expect(leavingWord(initialLifetimes(), 'ann', T).gone).toEqual([]);
    // Short enough that a person's other tab in the room, reloading moments later, keeps its grace.
    expect(DEPARTURE_MATCH_MS).toBeLessThan(LEAVE_GRACE_MS);
  });
});
