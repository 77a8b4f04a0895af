'use client';

import { useId, useState } from 'react';
import { Avatar } from '@/components/presence/avatar';
import { RelativeTime } from '@/components/chat/relative-time';
import type { PersonView } from '@/lib/people/use-people';
import { SharedRooms } from './shared-rooms';

/** One contact: name, online dot or "last seen"; opening it shows the rooms you share. */
export function PersonRow({ person, now, showStatus }: { person: PersonView; now: number; showStatus: boolean }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return (
    <li data-testid="person" data-person-id={person.id} data-online={String(person.online)} className="rounded-lg hover:bg-zinc-50 dark:hover:bg-zinc-900">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full items-center gap-3 rounded-lg p-2 text-left focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <span className="relative">
          <Avatar name={person.name} color={person.color} size="sm" />
          {showStatus && person.online ? (
            <span aria-hidden="true" className="absolute -right-0.5 -bottom-0.5 size-3 rounded-full bg-emerald-500 ring-2 ring-white dark:ring-zinc-950" />
          ) : null}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{person.name}</span>
          {showStatus ? (
            <span className="block text-xs text-zinc-500 dark:text-zinc-400" data-testid="person-status">
              {person.online ? (
                'Online'
              ) : person.lastSeenAt ? (
                <>
                  Last seen <RelativeTime iso={person.lastSeenAt} now={now} />
                </>
              ) : (
                'Offline'
              )}
            </span>
          ) : null}
        </span>
      </button>
      <div id={detailsId} hidden={!open}>
        {open ? <SharedRooms personId={person.id} /> : null}
      </div>
    </li>
  );
}
