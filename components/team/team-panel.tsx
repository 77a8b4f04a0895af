'use client';

import { useState, type FormEvent } from 'react';
import { Avatar } from '@/components/presence/avatar';
import { AdminBadge } from '@/components/presence/admin-badge';
import { RelativeTime } from '@/components/chat/relative-time';
import { useNow } from '@/lib/chat/use-now';
import { addMember, changeRole, removeMember } from '@/lib/team/api-client';
import type { TeamMemberPayload } from '@/lib/team/events';
import { useTeam } from '@/lib/team/use-team';

const CLOCK_TICK_MS = 30_000;
const BUTTON =
  'rounded-md px-2 py-1 text-xs font-medium ring-1 ring-zinc-300 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50 dark:ring-zinc-700 dark:hover:bg-zinc-800';

export type TeamPanelProps = { slug: string; channelName: string; myId: string; initialMembers: TeamMemberPayload[] };

function byName(a: TeamMemberPayload, b: TeamMemberPayload): number {
  return a.name.localeCompare(b.name);
}

/**
 * A business room's whole team: who is online first, then who is away (greyed, with when they were last seen).
 * Admins add people by username, promote, demote and remove; every open page follows live.
 */
export function TeamPanel({ slug, channelName, myId, initialMembers }: TeamPanelProps) {
  const team = useTeam(slug, channelName, myId, initialMembers);
  const now = useNow(CLOCK_TICK_MS);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const amAdmin = team.members.some((member) => member.id === myId && member.role === 'admin');

  if (team.removed) {
    return (
      <section aria-label="Team" className="rounded-2xl p-6 ring-1 ring-red-200 dark:ring-red-500/30">
        <p role="alert" className="text-sm font-semibold text-red-800 dark:text-red-200">
          You were removed from this room by an admin.
        </p>
      </section>
    );
  }

  const act = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    work()
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : 'Something went wrong.'))
      .finally(() => setBusy(false));
  };

  const online = team.members.filter((member) => team.online.has(member.id)).sort(byName);
  const away = team.members.filter((member) => !team.online.has(member.id)).sort(byName);

  const row = (member: TeamMemberPayload, isOnline: boolean) => {
    const lastSeen = team.leftAt.get(member.id) ?? member.lastSeenAt;
    const isMe = member.id === myId;
    return (
      <li key={member.id} data-testid="team-member" data-online={isOnline} className="flex items-center gap-3 py-2">
        <span className={isOnline ? '' : 'opacity-50 grayscale'}>
          <Avatar name={member.name} color={member.color} size="sm" />
        </span>
        <div className={`min-w-0 flex-1 ${isOnline ? '' : 'text-zinc-500 dark:text-zinc-500'}`}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="truncate text-sm font-medium">{member.name}</span>
            {isMe && <span className="text-xs text-zinc-500">(you)</span>}
            {member.role === 'admin' && <AdminBadge />}
          </div>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {isOnline ? (
              'Online'
            ) : lastSeen ? (
              <>
                last seen <RelativeTime iso={lastSeen} now={now} />
              </>
            ) : (
              'not seen yet'
            )}
          </p>
        </div>
        {amAdmin && !isMe && (
          <div className="flex shrink-0 gap-1">
            <button
              type="button"
              disabled={busy}
              className={BUTTON}
              aria-label={member.role === 'admin' ? `Remove admin from ${member.name}` : `Make ${member.name} an admin`}
              onClick={() => act(() => changeRole(slug, member.id, member.role === 'admin' ? 'member' : 'admin'))}
            >
              {member.role === 'admin' ? 'Demote' : 'Promote'}
            </button>
            <button
              type="button"
              disabled={busy}
              className={`${BUTTON} text-red-700 dark:text-red-300`}
              aria-label={`Remove ${member.name} from the room`}
              onClick={() => act(() => removeMember(slug, member.id))}
            >
              Remove
            </button>
          </div>
        )}
      </li>
    );
  };

  return (
    <section aria-label="Team" className="rounded-2xl bg-white p-5 ring-1 ring-zinc-200 dark:bg-zinc-950 dark:ring-zinc-800">
      <div className="flex items-baseline justify-between">
        <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Team</h2>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          {online.length} online · {team.members.length} members
        </span>
      </div>
      <h3 className="mt-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Online</h3>
      <ul aria-label="Online members" className="divide-y divide-zinc-100 dark:divide-zinc-900">
        {online.map((member) => row(member, true))}
      </ul>
      {away.length > 0 && (
        <>
          <h3 className="mt-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase">Away</h3>
          <ul aria-label="Away members" className="divide-y divide-zinc-100 dark:divide-zinc-900">
            {away.map((member) => row(member, false))}
          </ul>
        </>
      )}
      {amAdmin && <AddMemberForm busy={busy} onAdd={(username) => act(() => addMember(slug, username))} />}
      {error && (
        <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </section>
  );
}

function AddMemberForm({ busy, onAdd }: { busy: boolean; onAdd: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim()) return;
    onAdd(username.trim());
    setUsername('');
  };
  return (
    <form onSubmit={submit} aria-label="Add a member" className="mt-4 flex gap-2">
      <input
        aria-label="Username to add"
        value={username}
        maxLength={32}
        onChange={(event) => setUsername(event.target.value)}
        placeholder="username"
        className="min-w-0 flex-1 rounded-md bg-white px-2 py-1 text-sm ring-1 ring-zinc-300 focus:ring-2 focus:ring-indigo-500 focus:outline-none dark:bg-zinc-900 dark:ring-zinc-700"
      />
      <button type="submit" disabled={busy} className={BUTTON}>
        Add member
      </button>
    </form>
  );
}
