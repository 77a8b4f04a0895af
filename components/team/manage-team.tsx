'use client';

import { useState, type FormEvent } from 'react';
import { USERNAME_MAX_LENGTH } from '@/lib/db/limits';
import type { TeamActions } from '@/lib/team/use-team-actions';

/** Below a business room's member list, for its admins: add someone by username; refusals are shown here. */
export function ManageTeam({ actions }: { actions: TeamActions }) {
  const [username, setUsername] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim();
    if (!name) return;
    actions.add(name);
    setUsername('');
  };
  return (
    <section aria-label="Manage team" className="mt-5 border-t border-zinc-200 px-3 pt-4 dark:border-zinc-800">
      <form onSubmit={submit} aria-label="Add a member" className="flex gap-2">
        <input
          aria-label="Username to add"
          value={username}
          maxLength={USERNAME_MAX_LENGTH}
          onChange={(event) => setUsername(event.target.value)}
          placeholder="Add by username"
          className="min-w-0 flex-1 rounded-md bg-white px-2 py-1 text-sm ring-1 ring-zinc-300 focus:ring-2 focus:ring-indigo-500 focus:outline-none dark:bg-zinc-900 dark:ring-zinc-700"
        />
        <button
          type="submit"
          disabled={actions.busy}
          className="rounded-md px-2.5 py-1 text-xs font-medium ring-1 ring-zinc-300 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50 dark:ring-zinc-700 dark:hover:bg-zinc-800"
        >
          Add member
        </button>
      </form>
      {actions.error && (
        <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">
          {actions.error}
        </p>
      )}
    </section>
  );
}
