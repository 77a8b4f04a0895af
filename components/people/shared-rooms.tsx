'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { sharedRoomsResponseSchema, type SharedRoomPayload } from '@/lib/people/schemas';

/** The rooms shared with one person, read when their row is opened; "here now" where they are in it. */
export function SharedRooms({ personId }: { personId: string }) {
  const [rooms, setRooms] = useState<SharedRoomPayload[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/people/${encodeURIComponent(personId)}/rooms`, { cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return sharedRoomsResponseSchema.parse(await response.json()).rooms;
      })
      .then(
        (loaded) => {
          if (!cancelled) setRooms(loaded);
        },
        (failure: unknown) => {
          if (!cancelled) setError(`Could not load shared rooms (${failure instanceof Error ? failure.message : 'unknown error'}).`);
        },
      );
    return () => {
      cancelled = true;
    };
  }, [personId]);

  if (error) return <p className="px-2 pb-2 text-xs text-red-600 dark:text-red-400">{error}</p>;
  if (!rooms) return <p className="px-2 pb-2 text-xs text-zinc-500">Loading shared rooms…</p>;
  return (
    <ul aria-label="Rooms you share" className="flex flex-col gap-1 px-2 pb-2">
      {rooms.map((room) => (
        <li key={room.slug} data-testid="shared-room" className="flex items-center justify-between gap-2 text-sm">
          <Link href={`/rooms/${room.slug}`} className="truncate text-indigo-700 hover:underline dark:text-indigo-300">
            {room.name}
          </Link>
          {room.hereNow ? <span className="shrink-0 text-xs font-medium text-emerald-700 dark:text-emerald-400">here now</span> : null}
        </li>
      ))}
    </ul>
  );
}
