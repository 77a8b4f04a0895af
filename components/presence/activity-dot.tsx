import type { ShownState } from '@/lib/presence/person-presence';

const DOT_COLORS: Record<ShownState, string> = {
  active: 'bg-emerald-500',
  idle: 'bg-amber-400',
  away: 'bg-zinc-400 dark:bg-zinc-500',
  reconnecting: 'bg-zinc-300 animate-pulse motion-reduce:animate-none dark:bg-zinc-600',
  offline: 'bg-white ring-zinc-400! dark:bg-zinc-950',
};

/** The coloured dot on an avatar. Decorative: the state is also said in text (row, tooltip). */
export function ActivityDot({ state }: { state: ShownState }) {
  return (
    <span
      aria-hidden="true"
      data-dot={state}
      className={`absolute -right-0.5 -bottom-0.5 size-3 rounded-full ring-2 ring-white dark:ring-zinc-950 ${DOT_COLORS[state]}`}
    />
  );
}

/** Idle, away and reconnecting people are greyed. */
export function greyedClass(state: ShownState): string {
  return state === 'active' ? '' : 'opacity-50 grayscale';
}
