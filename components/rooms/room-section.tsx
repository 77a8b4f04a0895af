import type { RoomForUser } from '@/lib/db/queries/rooms';
import { RoomCard } from './room-card';

export function RoomSection({ id, title, description, rooms }: { id: string; title: string; description: string; rooms: RoomForUser[] }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-4">
      <div>
        <h2 id={id} className="text-lg font-semibold text-zinc-900 dark:text-zinc-100">
          {title}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      </div>
      {rooms.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No rooms yet.</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {rooms.map((room) => (
            <li key={room.id}>
              <RoomCard room={room} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
