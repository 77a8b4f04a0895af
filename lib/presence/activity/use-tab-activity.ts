'use client';

import { useEffect, useState } from 'react';
import { tabActivity, type ActivityState } from './tab-activity';
import { readActivityTimings } from './timings';

/**
 * Input that proves someone is at this tab. Each event only stores a timestamp (no rendering, no traffic);
 * the state is recomputed on the event only when it is not "active" already, and by a timer at the next
 * threshold otherwise, so a mouse move costs one assignment.
 */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

function hiddenNow(): boolean {
  return document.visibilityState === 'hidden';
}

/** This tab's own activity: active, idle after no input, away after long idleness or being hidden. */
export function useTabActivity(): ActivityState {
  const [state, setState] = useState<ActivityState>('active');

  useEffect(() => {
    const timings = readActivityTimings(window.localStorage);
    let lastInputAt = Date.now();
    let hiddenSince: number | null = hiddenNow() ? Date.now() : null;
    let current: ActivityState = 'active';
    let timer: ReturnType<typeof setTimeout> | undefined;

    const evaluate = () => {
      clearTimeout(timer);
      const now = Date.now();
      const { state: next, nextChangeAt } = tabActivity({ now, lastInputAt, hiddenSince }, timings);
      if (next !== current) {
        current = next;
        setState(next);
      }
      if (nextChangeAt !== null) timer = setTimeout(evaluate, Math.max(0, nextChangeAt - now));
    };
    const onInput = () => {
      lastInputAt = Date.now();
      if (current !== 'active') evaluate();
    };
    const onVisibility = () => {
      const hidden = hiddenNow();
      if (hidden && hiddenSince === null) hiddenSince = Date.now();
      if (!hidden) {
        hiddenSince = null;
        // Coming back to a tab is itself a sign of someone at it.
        lastInputAt = Date.now();
      }
      evaluate();
    };

    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { passive: true, capture: true });
    document.addEventListener('visibilitychange', onVisibility);
    evaluate();
    return () => {
      clearTimeout(timer);
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  return state;
}
