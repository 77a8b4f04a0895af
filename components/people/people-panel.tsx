'use client';

import { useNow } from '@/lib/chat/use-now';
import type { PersonView } from '@/lib/people/use-people';
import { usePeopleContext } from './people-provider';
import { PersonRow } from './person-row';

/** "Last seen" texts are refreshed this often. */
const LAST_SEEN_REFRESH_MS = 30_000;

export const LIVE_STATUS_UNAVAILABLE_TEXT = 'Live online status is unavailable with this server.';

function Group({ label, people, now, showStatus }: { label: string; people: PersonView[]; now: number; showStatus: boolean }) {
  if (people.length === 0) return null;
  return (
    <div className="flex flex-col gap-1">
      <h3 className="px-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {label} <span className="font-normal">({people.length})</span>
      </h3>
      <ul aria-label={label} className="flex flex-col">
        {people.map((person) => (
          <PersonRow key={person.id} person={person} now={now} showStatus={showStatus} />
        ))}
      </ul>
    </div>
  );
}

/**
 * The people you share a room with, split into online now and offline (with "last seen"), live. Against a
 * realtime server without watchlists it says so and lists everyone without any status, never a wrong one.
 */
export function PeoplePanel({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { loaded, error, liveStatus, people } = usePeopleContext();
  const now = useNow(LAST_SEEN_REFRESH_MS);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const showStatus = liveStatus === 'live';
  return (
    <section aria-label="People" data-live-status={liveStatus} className="flex flex-col gap-3">
      <div>
        <Heading className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">People</Heading>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Everyone you share a room with.</p>
      </div>
      {liveStatus === 'unavailable' ? (
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {LIVE_STATUS_UNAVAILABLE_TEXT}
        </p>
      ) : null}
      {error ? <p className="text-sm text-red-600 dark:text-red-400">{error}</p> : null}
      {!loaded ? (
        <p className="text-sm text-zinc-500">Loading…</p>
      ) : people.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No one yet: chat in a hobby room or join a team, and the people you meet show up here.</p>
      ) : showStatus ? (
        <>
          <Group label="Online now" people={people.filter((person) => person.online)} now={now} showStatus />
          <Group label="Offline" people={people.filter((person) => !person.online)} now={now} showStatus />
        </>
      ) : (
        <Group label={liveStatus === 'checking' ? 'Checking who is online…' : 'Your people'} people={people} now={now} showStatus={false} />
      )}
    </section>
  );
}
