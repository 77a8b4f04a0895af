import type { RoomForUser } from '@/lib/db/queries/rooms';
import { RoomOccupancy } from '@/components/lobby/room-occupancy';
import { roomChannelName } from '@/lib/rooms/channels';
import { JoinRoomLink } from './join-room-link';
import { LockIcon } from './lock-icon';

const CARD = 'group relative flex h-full flex-col gap-2 rounded-xl border p-5 transition';

/** One room: a link into it, or, for a business room you do not belong to, a locked card without one. */
export function RoomCard({ room }: { room: RoomForUser }) {
  const titleId = `room-${room.slug}-name`;
  if (!room.canJoin) {
    return (
      <article
        aria-labelledby={titleId}
        data-room={room.slug}
        className={`${CARD} border-dashed border-zinc-300 bg-zinc-50 text-zinc-500 dark:border-zinc-700 dark:bg-zinc-900/40 dark:text-zinc-400`}
      >
        <div className="flex items-center justify-between gap-2">
          <h3 id={titleId} className="font-semibold text-zinc-700 dark:text-zinc-300">
            {room.name}
          </h3>
          <span className="inline-flex items-center gap-1 rounded-full bg-zinc-200 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            <LockIcon className="size-3.5" />
            Members only
          </span>
        </div>
        <p className="text-sm">{room.description}</p>
      </article>
    );
  }
  return (
    <article
      aria-labelledby={titleId}
      data-room={room.slug}
      className={`${CARD} border-zinc-200 bg-white shadow-sm focus-within:ring-2 focus-within:ring-indigo-500 hover:-translate-y-0.5 hover:border-indigo-300 hover:shadow-md dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-indigo-700`}
    >
      <div className="flex items-center justify-between gap-2">
        <h3 id={titleId} className="font-semibold text-zinc-900 dark:text-zinc-100">
          {room.name}
        </h3>
        {room.role === 'admin' ? (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-900/40 dark:text-amber-300">
            Admin
          </span>
        ) : null}
      </div>
      <p className="flex-1 text-sm text-zinc-600 dark:text-zinc-400">{room.description}</p>
      <RoomOccupancy slug={room.slug} roomName={room.name} />
      <JoinRoomLink
        href={`/rooms/${room.slug}`}
        channelName={roomChannelName(room)}
        label={`Join ${room.name}`}
        className="mt-2 inline-flex w-fit items-center gap-1 text-sm font-semibold text-indigo-600 outline-none after:absolute after:inset-0 after:rounded-xl group-hover:text-indigo-500 dark:text-indigo-400"
      >
        Join <span aria-hidden="true">→</span>
      </JoinRoomLink>
    </article>
  );
}
