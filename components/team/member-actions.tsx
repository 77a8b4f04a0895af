'use client';

import { useRef } from 'react';
import type { TeamActions } from '@/lib/team/use-team-actions';

const ITEM =
  'block w-full rounded-md px-3 py-1.5 text-left text-sm hover:bg-zinc-100 focus-visible:bg-zinc-100 focus-visible:outline-none disabled:opacity-50 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800';

/** An admin's small per-row menu: promote or demote, and remove from the room. A native disclosure, so keyboard works. */
export function MemberActions({ id, name, isAdmin, actions }: { id: string; name: string; isAdmin: boolean; actions: TeamActions }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const run = (work: () => void) => {
    if (menu.current) menu.current.open = false;
    work();
  };
  return (
    <details ref={menu} className="relative shrink-0 self-center">
      <summary
        aria-label={`Manage ${name}`}
        className="flex size-7 cursor-pointer list-none items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none dark:text-zinc-400 dark:hover:bg-zinc-800 [&::-webkit-details-marker]:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
          <path d="M10 3a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm0 5.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM11.5 15.5a1.5 1.5 0 1 0-3 0 1.5 1.5 0 0 0 3 0Z" />
        </svg>
      </summary>
      <div className="absolute right-0 z-30 mt-1 w-44 rounded-lg bg-white p-1 shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-700">
        <button
          type="button"
          disabled={actions.busy}
          className={ITEM}
          aria-label={isAdmin ? `Remove admin from ${name}` : `Make ${name} an admin`}
          onClick={() => run(() => actions.setRole(id, isAdmin ? 'member' : 'admin'))}
        >
          {isAdmin ? 'Remove admin' : 'Make admin'}
        </button>
        <button
          type="button"
          disabled={actions.busy}
          className={`${ITEM} text-red-700 dark:text-red-300`}
          aria-label={`Remove ${name} from the room`}
          onClick={() => run(() => actions.remove(id))}
        >
          Remove from room
        </button>
      </div>
    </details>
  );
}
