import type { Metadata } from 'next';
import { forbidden, notFound } from 'next/navigation';
import { cache } from 'react';
import { ChatPanel } from '@/components/chat/chat-panel';
import { PresenceRoom } from '@/components/presence/presence-room';
import { RoomHeading } from '@/components/presence/room-heading';
import { requireUser } from '@/lib/auth/require-user';
import { MESSAGE_PAGE_SIZE } from '@/lib/chat/limits';
import { toMessagePage } from '@/lib/chat/serialize';
import { ROOM_SLUG_PATTERN } from '@/lib/db/limits';
import { getBusinessRole } from '@/lib/db/queries/memberships';
import { getRoomBySlug } from '@/lib/db/queries/rooms';
import { listTeamMembers } from '@/lib/db/queries/memberships';
import { listRoomMessages } from '@/lib/db/queries/messages';
import { memberInfoFor } from '@/lib/presence/member-info';
import { roomChannelName } from '@/lib/rooms/channels';
import { requireRoomRole } from '@/lib/rooms/room-role';
import { ForbiddenError, NotFoundError } from '@/lib/http/errors';
import type { MemberRole, Room } from '@/lib/db/schema';
import { toTeamMemberPayload } from '@/lib/team/events';

type Params = { params: Promise<{ slug: string }> };

/** One lookup per request, shared by the metadata and the page. */
const findRoom = cache(async (slug: string) => (ROOM_SLUG_PATTERN.test(slug) ? getRoomBySlug(slug) : null));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const room = await findRoom((await params).slug);
  return { title: room?.name ?? 'Room not found' };
}

/** The user's role in the room (requireRoomRole), or Next's 404 / 403 page instead of the room. */
async function roleOrRefusal(room: Room, userId: string): Promise<MemberRole | undefined> {
  try {
    return requireRoomRole(room, room.kind === 'business' ? await getBusinessRole(room.id, userId) : null).role ?? undefined;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}

/**
 * A room: signed-in users only; business rooms only for their members (403, and no channel subscription
 * is ever attempted). Everything live happens in the PresenceRoom client root.
 */
export default async function RoomPage({ params }: Params) {
  const { slug } = await params;
  const user = await requireUser(`/rooms/${encodeURIComponent(slug)}`);
  const room = await findRoom(slug);
  if (!room) notFound();
  const role = await roleOrRefusal(room, user.id);
  const history = toMessagePage(await listRoomMessages(room.id, { limit: MESSAGE_PAGE_SIZE }));
  const channelName = roomChannelName(room);
  const team = room.kind === 'business' ? (await listTeamMembers(room.id)).map(toTeamMemberPayload) : null;

  return (
    <PresenceRoom
      slug={room.slug}
      me={{ id: user.id, info: memberInfoFor(user, role) }}
      channelName={channelName}
      kind={room.kind}
      appearOffline={user.appearOffline}
      initialTeam={team}
      heading={<RoomHeading name={room.name} kind={room.kind} />}
    >
      <div className="flex flex-col gap-6">
        <ChatPanel
          slug={room.slug}
          roomName={room.name}
          channelName={channelName}
          me={{ id: user.id, name: user.displayName, color: user.color }}
          initialPage={history}
        />
        <section aria-label="About this room" className="rounded-2xl bg-gradient-to-br from-indigo-50 to-white p-6 ring-1 ring-zinc-200 dark:from-indigo-500/10 dark:to-zinc-950 dark:ring-zinc-800">
          <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">About this room</h2>
          <p className="mt-2 text-zinc-600 dark:text-zinc-300">{room.description || 'No description yet.'}</p>
          <p className="mt-6 text-sm text-zinc-500 dark:text-zinc-400">
            Everyone here sees who else is here, live. Set a status so they know what you are up to: it reaches them the moment you press Enter.
          </p>
        </section>
      </div>
    </PresenceRoom>
  );
}
