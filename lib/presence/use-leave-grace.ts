'use client';

import { useEffect, useMemo, useState } from 'react';
import { nextGraceDeadline, nextReconnectingLabelAt, reconnectingIds, type LeavingMembers } from './leave-grace';

/** Calls `onExpired(now)` whenever the earliest leave grace ends (re-armed as the leaving set changes). */
export function useGraceExpiry(leaving: LeavingMembers, graceMs: number, onExpired: (now: number) => void): void {
  useEffect(() => {
    const deadline = nextGraceDeadline(leaving, graceMs);
    if (deadline === null) return;
    const timer = setTimeout(() => onExpired(Date.now()), Math.max(0, deadline - Date.now()));
    return () => clearTimeout(timer);
  }, [leaving, graceMs, onExpired]);
}

/** The members to show as "reconnecting…": in grace for longer than a moment. */
export function useReconnecting(leaving: LeavingMembers): ReadonlySet<string> {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const next = nextReconnectingLabelAt(leaving, Date.now());
    if (next === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, next - Date.now()));
    return () => clearTimeout(timer);
  }, [leaving, now]);
  return useMemo(() => reconnectingIds(leaving, now), [leaving, now]);
}
