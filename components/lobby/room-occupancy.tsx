'use client';

import { Avatar } from '@/components/presence/avatar';
import { useRoomOccupancy } from './lobby-provider';

/** Who is in a room right now, on its card: a small overlapping stack of faces and a count, live. */
export function RoomOccupancy({ slug, roomName }: { slug: string; roomName: string }) {
  const occupancy = useRoomOccupancy(slug);
  if (!occupancy) return null;
  const { count, people } = occupancy;
  return (
    <div data-testid="room-occupancy" className="flex min-h-8 items-center gap-2">
      {people.length > 0 && (
        <ul aria-label={`Who's in ${roomName}`} className="flex -space-x-2">
          {people.map((person) => (
            <li key={person.id} title={person.name} className="rounded-full ring-2 ring-white dark:ring-zinc-900">
              <Avatar name={person.name} color={person.color} size="sm" />
              <span className="sr-only">{person.name}</span>
            </li>
          ))}
        </ul>
      )}
      <span data-testid="occupancy-count" className="text-sm text-zinc-600 dark:text-zinc-400">
        {count === 0 ? 'Nobody here' : `${count} here`}
      </span>
    </div>
  );
}
