'use client';

import { useState, type FormEvent } from 'react';
import { USERNAME_MAX_LENGTH } from '@/lib/db/limits';
import type { RoomInvitationPayload } from '@/lib/team/api-client';
import type { TeamActions } from '@/lib/team/use-team-actions';

const BUTTON =
  'rounded-md px-2.5 py-1 text-xs font-medium ring-1 ring-zinc-300 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50 dark:ring-zinc-700 dark:hover:bg-zinc-800';

/**
 * Below a business room's member list, for its admins: invite someone by username, see who is invited and take
 * an invitation back. The answer to an invitation never says whether the username exists.
 */
export function ManageTeam({ actions, invitations }: { actions: TeamActions; invitations: RoomInvitationPayload[] }) {
  const [username, setUsername] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim();
    if (!name) return;
    actions.invite(name);
    setUsername('');
  };
  return (
    <section aria-label="Manage team" className="mt-5 border-t border-zinc-200 px-3 pt-4 dark:border-zinc-800">
      <form onSubmit={submit} aria-label="Invite someone" className="flex gap-2">
        <input
          aria-label="Username to invite"
          value={username}
          maxLength={USERNAME_MAX_LENGTH}
          onChange={(event) => setUsername(event.target.value)}
          placeholder="Invite by username"
          className="min-w-0 flex-1 rounded-md bg-white px-2 py-1 text-sm ring-1 ring-zinc-300 focus:ring-2 focus:ring-indigo-500 focus:outline-none dark:bg-zinc-900 dark:ring-zinc-700"
        />
        <button type="submit" disabled={actions.busy} className={BUTTON}>
          Invite
        </button>
      </form>
      <p role="status" className="mt-2 text-xs text-zinc-600 empty:hidden dark:text-zinc-400">
        {actions.invited ? `Invited @${actions.invited}: if someone has that username, they can now accept.` : ''}
      </p>
      {actions.error && (
        <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">
          {actions.error}
        </p>
      )}
      {invitations.length > 0 && (
        <section aria-label="Pending invitations" className="mt-3">
          <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Invited</h3>
          <ul className="mt-1 flex flex-col gap-1">
            {invitations.map((invitation) => (
              <li key={invitation.username} className="flex items-center justify-between gap-2 text-sm">
                <span className="truncate text-zinc-700 dark:text-zinc-300">@{invitation.username}</span>
                <button
                  type="button"
                  disabled={actions.busy}
                  className={BUTTON}
                  aria-label={`Revoke the invitation to @${invitation.username}`}
                  onClick={() => actions.revoke(invitation.username)}
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
