'use client';

import { useEffect, useRef, useState } from 'react';

export type TransitionItem<T> = { key: string; item: T; leaving: boolean };

/**
 * Keeps removed items rendered for `exitMs` with `leaving: true`, so they can animate out; they return to
 * their old position. Items that come back while leaving simply stay.
 */
export function useExitTransition<T>(items: readonly T[], keyOf: (item: T) => string, exitMs: number): TransitionItem<T>[] {
  const [leaving, setLeaving] = useState<ReadonlyMap<string, { item: T; index: number }>>(new Map());
  const previous = useRef<readonly T[]>(items);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const currentKeys = new Set(items.map(keyOf));
    const removed = previous.current.flatMap((item, index) => (currentKeys.has(keyOf(item)) ? [] : [{ item, index }]));
    previous.current = items;
    const returned = [...timers.current.keys()].filter((key) => currentKeys.has(key));
    if (removed.length === 0 && returned.length === 0) return;
    for (const key of returned) {
      clearTimeout(timers.current.get(key));
      timers.current.delete(key);
    }
    setLeaving((current) => {
      const next = new Map(current);
      for (const key of returned) next.delete(key);
      for (const entry of removed) next.set(keyOf(entry.item), entry);
      return next;
    });
    for (const { item } of removed) {
      const key = keyOf(item);
      clearTimeout(timers.current.get(key));
      timers.current.set(
        key,
        setTimeout(() => {
          timers.current.delete(key);
          setLeaving((current) => {
            const next = new Map(current);
            next.delete(key);
            return next;
          });
        }, exitMs),
      );
    }
  }, [items, keyOf, exitMs]);

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  const result: TransitionItem<T>[] = items.map((item) => ({ key: keyOf(item), item, leaving: false }));
  for (const [key, { item, index }] of leaving) {
    if (result.some((entry) => entry.key === key)) continue;
    result.splice(Math.min(index, result.length), 0, { key, item, leaving: true });
  }
  return result;
}
