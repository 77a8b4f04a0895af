'use client';

import { useId } from 'react';
import type { PresenceMember, SubscriptionPhase } from '@/lib/presence/store/presence-reducer';
import { devicesLabel, NO_PRESENCE, presenceStateLabel, shownState, type PersonPresence } from '@/lib/presence/person-presence';
import { ActivityDot, greyedClass } from './activity-dot';
import { AdminBadge } from './admin-badge';
import { Avatar } from './avatar';
import { useExitTransition } from './use-exit-transition';

/** The rule: show at most five faces, then "+N". */
export const MAX_VISIBLE_AVATARS = 5;
/** The "+N" tooltip names at most this many people (a room of 1,000 would otherwise print them all). */
export const MAX_OVERFLOW_NAMES = 50;
/** Matches the `duration-200` transition below. */
const EXIT_MS = 200;

const memberKey = (member: PresenceMember) => member.id;

const TOOLTIP =
  'pointer-events-none invisible absolute top-full left-1/2 z-30 mt-2 w-max max-w-60 -translate-x-1/2 rounded-lg bg-zinc-900 px-3 py-2 text-left text-xs text-white opacity-0 shadow-lg transition-opacity duration-150 group-hover:visible group-hover:opacity-100 group-focus-within:visible group-focus-within:opacity-100 motion-reduce:transition-none dark:bg-zinc-800 dark:ring-1 dark:ring-white/10';

const ITEM =
  'group relative -ml-2.5 first:ml-0 transition-[opacity,transform] duration-200 ease-out hover:z-20 focus-within:z-20 motion-reduce:transition-none starting:scale-50 starting:opacity-0';

const RING = 'rounded-full ring-2 ring-white outline-none focus-visible:ring-indigo-500 focus-visible:ring-offset-2 dark:ring-zinc-950 dark:focus-visible:ring-indigo-400 dark:ring-offset-zinc-950';

function StackAvatar({ member, isMe, leaving, presence }: { member: PresenceMember; isMe: boolean; leaving: boolean; presence: PersonPresence }) {
  const tooltipId = useId();
  const { name, color, status, isAdmin } = member.info;
  const label = `${name}${isMe ? ' (you)' : ''}${isAdmin ? ', admin' : ''}`;
  const state = shownState(presence);
  const devices = devicesLabel(presence.activity);
  return (
    <li
      className={`${ITEM} ${leaving ? 'scale-50 opacity-0' : ''}`}
      aria-hidden={leaving || undefined}
      data-leaving={leaving || undefined}
      data-activity={state}
    >
      <button type="button" className={`${RING} relative`} aria-label={label} aria-describedby={tooltipId} tabIndex={leaving ? -1 : undefined}>
        <span className={`block transition-[opacity,filter] ${greyedClass(state)}`}>
          <Avatar name={name} color={color} />
        </span>
        <ActivityDot state={state} />
      </button>
      <span role="tooltip" id={tooltipId} className={TOOLTIP}>
        <span className="flex items-center gap-2">
          <span className="font-semibold">{name}</span>
          {isMe && <span className="text-zinc-400">(you)</span>}
          {isAdmin && <AdminBadge />}
        </span>
        <span className="mt-0.5 block text-zinc-300">
          {presenceStateLabel(presence)}
          {devices && ` · ${devices}`}
        </span>
        <span className={`mt-0.5 block break-words ${status ? 'text-zinc-200' : 'text-zinc-400 italic'}`}>{status || 'No status'}</span>
      </span>
    </li>
  );
}

function overflowNames(hidden: readonly PresenceMember[]): string {
  const named = hidden.slice(0, MAX_OVERFLOW_NAMES).map((member) => member.info.name).join(', ');
  const unnamed = hidden.length - MAX_OVERFLOW_NAMES;
  return unnamed > 0 ? `${named} and ${unnamed} more` : named;
}

/** Overlapping avatars of who is here, newest last; at most five, then "+N" with the rest in a tooltip. */
export function AvatarStack({
  members,
  myId,
  phase,
  presence,
}: {
  members: PresenceMember[];
  myId: string;
  phase: SubscriptionPhase;
  /** Activity, devices and "reconnecting…" per user id. */
  presence: ReadonlyMap<string, PersonPresence>;
}) {
  const visible = members.slice(0, MAX_VISIBLE_AVATARS);
  const hidden = members.slice(MAX_VISIBLE_AVATARS);
  const items = useExitTransition(visible, memberKey, EXIT_MS);
  const overflowTooltipId = useId();

  return (
    <ul aria-label="Who's here" data-phase={phase} className={`flex items-center transition-opacity ${phase === 'subscribed' ? '' : 'opacity-60'}`}>
      {items.map(({ key, item, leaving }) => (
        <StackAvatar key={key} member={item} isMe={item.id === myId} leaving={leaving} presence={presence.get(item.id) ?? NO_PRESENCE} />
      ))}
      {hidden.length > 0 && (
        <li className={ITEM}>
          <button
            type="button"
            className={`${RING} inline-flex size-10 items-center justify-center bg-zinc-200 text-sm font-semibold text-zinc-700 dark:bg-zinc-700 dark:text-zinc-100`}
            aria-label={`${hidden.length} more`}
            aria-describedby={overflowTooltipId}
          >
            +{hidden.length}
          </button>
          <span role="tooltip" id={overflowTooltipId} className={TOOLTIP}>
            {overflowNames(hidden)}
          </span>
        </li>
      )}
    </ul>
  );
}
