import type { Metadata } from 'next';
import { LobbyProvider } from '@/components/lobby/lobby-provider';
import { PeoplePanel } from '@/components/people/people-panel';
import { CreateRoomForm } from '@/components/rooms/create-room-form';
import { RoomSection } from '@/components/rooms/room-section';
import { requireUser } from '@/lib/auth/require-user';
import { listRoomsForUser } from '@/lib/db/queries/rooms';
import { initialLobby } from '@/lib/lobby/initial-lobby';

export const metadata: Metadata = { title: 'Rooms' };

export default async function RoomsPage() {
  const user = await requireUser('/rooms');
  const rooms = await listRoomsForUser(user.id);
  const lobby = await initialLobby(rooms);
  return (
    <LobbyProvider channels={lobby.channels} initial={lobby.occupancy}>
      <main className="mx-auto flex w-full max-w-5xl flex-col gap-10 px-4 py-10 sm:px-6">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-zinc-900 dark:text-zinc-50">Rooms</h1>
          <p className="mt-1 text-zinc-600 dark:text-zinc-400">Pick a room to see who&apos;s there right now.</p>
        </div>
        <CreateRoomForm />
        <PeoplePanel />
        <RoomSection
          id="hobby-rooms"
          title="Hobby rooms"
          description="Open to everyone."
          rooms={rooms.filter((room) => room.kind === 'hobby')}
        />
        <RoomSection
          id="business-rooms"
          title="Business rooms"
          description="For members of the team."
          rooms={rooms.filter((room) => room.kind === 'business')}
        />
      </main>
    </LobbyProvider>
  );
}
