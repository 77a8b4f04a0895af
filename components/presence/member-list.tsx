'use client';

import { useId, useMemo, useState, type ReactNode } from 'react';
import type { PresenceMember, SubscriptionPhase } from '@/lib/presence/store/presence-reducer';
import type { StatusStamp } from '@/lib/presence/status/status-order';
import type { AbsentMember } from '@/lib/team/roster';
import type { PersonPresence } from '@/lib/presence/person-presence';
import { AdminBadge } from './admin-badge';
import { Avatar } from './avatar';
import { filterByName, MAX_MEMBER_SEARCH_LENGTH, MEMBER_SEARCH_FROM } from '@/lib/presence/member-search';
import { MemberRows } from './member-rows';
import { OfflineMemberRow } from './offline-member-row';
import { StatusEditor } from './status-editor';

/** The rest of a business room's team, beyond who is here. */
export type TeamListing = {
  offline: AbsentMember[];
  /** The current time, for "last seen 5 min ago". */
  now: number;
  /** An admin's controls for one row (null when this user is not an admin). */
  rowActions: ((member: { id: string; name: string; isAdmin: boolean }) => ReactNode) | null;
  /** Below the list: the admin's "Manage team" panel. */
  footer: ReactNode;
};

export type MemberListProps = {
  me: PresenceMember;
  phase: SubscriptionPhase;
  others: PresenceMember[];
  count: number;
  isBusiness: boolean;
  highlights: ReadonlyMap<string, number>;
  /** Activity, devices and "reconnecting…" per user id. */
  presence: ReadonlyMap<string, PersonPresence>;
  onStatusSaved: (stamp: StatusStamp) => void;
  /** Business rooms: the whole team (roles already taken from the roster). */
  team?: TeamListing;
  /** Your own card's extra controls (the "Appear offline" switch). */
  myControls?: ReactNode;
};

const NOBODY: readonly PresenceMember[] = [];

function SectionHeading({ title, size }: { title: string; size: number }) {
  return (
    <h3 className="flex items-center gap-2 px-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
      {title}
      <span className="ml-auto tabular-nums">{size}</span>
    </h3>
  );
}

function actionsFor(team: TeamListing | undefined, id: string, name: string, isAdmin: boolean | undefined): ReactNode {
  return team?.rowActions?.({ id, name, isAdmin: isAdmin === true }) ?? null;
}

type SectionProps = {
  title: string;
  members: readonly PresenceMember[];
  highlights: ReadonlyMap<string, number>;
  presence: ReadonlyMap<string, PersonPresence>;
  team?: TeamListing;
};

function Section({ title, members, highlights, presence, team }: SectionProps) {
  if (members.length === 0) return null;
  return (
    <section aria-label={title} className="mt-4">
      <SectionHeading title={title} size={members.length} />
      <MemberRows
        members={members}
        highlights={highlights}
        presence={presence}
        actionsFor={(member) => actionsFor(team, member.id, member.info.name, member.info.isAdmin)}
      />
    </section>
  );
}

function MemberSearch({ query, onChange }: { query: string; onChange: (query: string) => void }) {
  const id = useId();
  return (
    <div className="mt-4 px-1">
      <label htmlFor={id} className="sr-only">
        Search people here
      </label>
      <input
        id={id}
        type="search"
        value={query}
        maxLength={MAX_MEMBER_SEARCH_LENGTH}
        onChange={(event) => onChange(event.target.value)}
        placeholder="Search people here"
        autoComplete="off"
        className="w-full rounded-lg bg-white px-3 py-1.5 text-sm ring-1 ring-zinc-300 outline-none placeholder:text-zinc-400 focus:ring-2 focus:ring-indigo-500 dark:bg-zinc-950 dark:ring-zinc-700"
      />
    </div>
  );
}

function OfflineSection({ team }: { team: TeamListing }) {
  if (team.offline.length === 0) return null;
  return (
    <section aria-label="Offline" className="mt-4">
      <SectionHeading title="Offline" size={team.offline.length} />
      <ul className="mt-1 space-y-0.5">
        {team.offline.map((member) => (
          <OfflineMemberRow key={member.id} member={member} now={team.now} actions={actionsFor(team, member.id, member.info.name, member.info.isAdmin)} />
        ))}
      </ul>
    </section>
  );
}

/**
 * You (with your editable status) first, then everyone else; business rooms list admins separately, then the
 * rest of the team who is not here, greyed. A big room gets a search by name, and long sections render only
 * the rows on screen (member-rows.tsx).
 */
export function MemberList({ me, phase, others, count, isBusiness, highlights, presence, onStatusSaved, team, myControls }: MemberListProps) {
  const teamSize = team ? count + team.offline.length : null;
  const [query, setQuery] = useState('');
  const searchable = others.length > MEMBER_SEARCH_FROM;
  const shown = useMemo(() => (searchable ? filterByName(others, query) : others), [searchable, others, query]);
  const admins = useMemo(() => (isBusiness ? shown.filter((member) => member.info.isAdmin) : NOBODY), [isBusiness, shown]);
  const rest = useMemo(() => (isBusiness ? shown.filter((member) => !member.info.isAdmin) : shown), [isBusiness, shown]);
  return (
    <div aria-label="Member list" role="region" data-phase={phase}>
      <div className="flex items-baseline justify-between gap-2 px-3">
        <h2 className="text-sm font-semibold">Members</h2>
        <p className="text-sm text-zinc-500 tabular-nums dark:text-zinc-400">
          <span data-testid="presence-count">{count} here</span>
          {teamSize !== null && <span> · {teamSize} in the team</span>}
        </p>
      </div>

      <div className="mt-3 rounded-xl bg-zinc-50 p-3 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800" data-member-id={me.id} data-online="true" role="group" aria-label="You">
        <div className="flex items-center gap-3">
          <Avatar name={me.info.name} color={me.info.color} size="sm" />
          <p className="flex min-w-0 items-center gap-2">
            <span className="truncate text-sm font-medium">{me.info.name}</span>
            <span className="text-sm text-zinc-500 dark:text-zinc-400">(you)</span>
            {me.info.isAdmin && <AdminBadge />}
          </p>
        </div>
        <div className="mt-2 -mx-2">
          <StatusEditor status={me.info.status} onSaved={onStatusSaved} />
        </div>
        {myControls}
      </div>

      {searchable && <MemberSearch query={query} onChange={setQuery} />}
      {searchable && shown.length === 0 && (
        <p className="mt-4 px-3 text-sm text-zinc-500 dark:text-zinc-400" role="status">
          Nobody here matches “{query.trim()}”.
        </p>
      )}

      {isBusiness ? (
        <>
          <Section title="Admins" members={admins} highlights={highlights} presence={presence} team={team} />
          <Section title="Members" members={rest} highlights={highlights} presence={presence} team={team} />
          {team && <OfflineSection team={team} />}
        </>
      ) : (
        <Section title="Here with you" members={rest} highlights={highlights} presence={presence} />
      )}
      {others.length === 0 && !team?.offline.length && (
        <p className="mt-4 px-3 text-sm text-zinc-500 dark:text-zinc-400">Nobody else yet. Share the link and watch them arrive.</p>
      )}
      {team?.footer}
    </div>
  );
}
