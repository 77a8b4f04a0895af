'use client';

import { useEffect, useState, type CSSProperties, type ReactNode, type Ref } from 'react';
import type { PresenceMember } from '@/lib/presence/store/presence-reducer';
import { devicesLabel, NO_PRESENCE, presenceStateLabel, shownState, type PersonPresence } from '@/lib/presence/person-presence';
import { ActivityDot, greyedClass } from './activity-dot';
import { AdminBadge } from './admin-badge';
import { Avatar } from './avatar';

/** How long a row stays highlighted after its person changed their status. */
export const HIGHLIGHT_MS = 2_500;

/** Where a row sits in a virtualized list (member-rows.tsx): measured, positioned, and counted for screen readers. */
export type VirtualPlacement = { ref: Ref<HTMLLIElement>; index: number; setSize: number; style: CSSProperties };

/** One person in the member list: avatar, name, badge and status, briefly highlighted when it changes. */
export function MemberRow({
  member,
  highlightToken,
  actions,
  presence = NO_PRESENCE,
  placement,
}: {
  member: PresenceMember;
  highlightToken: number | undefined;
  actions?: ReactNode;
  presence?: PersonPresence;
  placement?: VirtualPlacement;
}) {
  const [highlightedToken, setHighlightedToken] = useState<number | undefined>(undefined);

  useEffect(() => {
    if (highlightToken === undefined) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a timed flash driven by a new token
    setHighlightedToken(highlightToken);
    const timer = setTimeout(() => setHighlightedToken(undefined), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlightToken]);

  const highlighted = highlightedToken !== undefined;
  const { name, color, status, isAdmin } = member.info;
  const state = shownState(presence);
  const devices = devicesLabel(presence.activity);
  return (
    <li
      ref={placement?.ref}
      style={placement?.style}
      data-index={placement?.index}
      aria-setsize={placement?.setSize}
      aria-posinset={placement === undefined ? undefined : placement.index + 1}
      data-member-id={member.id}
      data-online="true"
      data-activity={state}
      data-highlighted={highlighted || undefined}
      className={`flex items-start gap-3 rounded-xl px-3 py-2.5 transition-colors duration-700 motion-reduce:transition-none starting:opacity-0 ${
        highlighted ? 'bg-amber-100 ring-1 ring-amber-300 dark:bg-amber-400/15 dark:ring-amber-400/40' : 'bg-transparent ring-0'
      }`}
    >
      <span className="relative shrink-0">
        <span className={`block transition-[opacity,filter] ${greyedClass(state)}`}>
          <Avatar name={name} color={color} size="sm" />
        </span>
        <ActivityDot state={state} />
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex items-center gap-2">
          <span className="truncate text-sm font-medium">{name}</span>
          {isAdmin && <AdminBadge />}
        </p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="presence-detail">
          <span className={state === 'active' ? 'sr-only' : undefined}>{presenceStateLabel(presence)}</span>
          {devices && <span>{state === 'active' ? devices : ` · ${devices}`}</span>}
        </p>
        <p className={`text-sm break-words ${status ? 'text-zinc-600 dark:text-zinc-300' : 'text-zinc-400 italic dark:text-zinc-500'}`}>
          {status || 'No status'}
        </p>
      </div>
      {actions}
    </li>
  );
}
