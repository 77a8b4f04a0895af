'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { MemberActions } from '@/components/team/member-actions';
import { LeaveTeam } from '@/components/team/leave-team';
import { ManageTeam } from '@/components/team/manage-team';
import { ModerationProvider } from '@/lib/chat/moderation';
import { useNow } from '@/lib/chat/use-now';
import { orderedMembers, type PresenceMember } from '@/lib/presence/store/presence-reducer';
import { useRoomPresence } from '@/lib/presence/store/use-room-presence';
import { presenceByUser } from '@/lib/presence/person-presence';
import { useReconnecting } from '@/lib/presence/departures/member-lifetime';
import { useRoomActivity } from '@/lib/presence/use-room-activity';
import { memberFeed } from '@/lib/presence/feed/member-feed';
import { RoomFeedProvider } from '@/lib/presence/feed/room-feed-context';
import { onlookerFeed } from '@/lib/presence/feed/onlooker-feed';
import { useAppearOffline } from '@/lib/presence/appear-offline/use-appear-offline';
import { onlookerChannelName } from '@/lib/rooms/channels';
import { usePlaceInFullRoom } from '@/lib/rooms/full-room/use-place-in-full-room';
import type { RoomAccessRevokedPayload, TeamMemberPayload } from '@/lib/team/events';
import { mergeRosterWithPresence } from '@/lib/team/roster';
import { useTeamActions } from '@/lib/team/use-team-actions';
import { useRoomInvitations } from '@/lib/team/use-room-invitations';
import { useTeamRoster } from '@/lib/team/use-team';
import { AppearOfflineSwitch } from './appear-offline-switch';
import { AvatarStack } from './avatar-stack';
import { ConnectionBanner } from './connection-banner';
import { FullRoomNotice } from './full-room-notice';
import { LiveIndicator } from './live-indicator';
import { MemberList, type TeamListing } from './member-list';
import { MembersDrawer } from './members-drawer';
import { PresenceAnnouncer } from './presence-announcer';

/** How often "last seen 5 min ago" is recomputed. */
const LAST_SEEN_TICK_MS = 30_000;

export type PresenceRoomProps = {
  slug: string;
  me: PresenceMember;
  channelName: string;
  kind: 'hobby' | 'business';
  /** This person's "Appear offline" setting when the page was rendered. */
  appearOffline: boolean;
  /** Business rooms: the whole team from the database (who belongs, and their role); null in hobby rooms. */
  initialTeam: TeamMemberPayload[] | null;
  /** The room's title block, rendered by the server. */
  heading: ReactNode;
  /** The room's description card, rendered by the server. */
  children?: ReactNode;
};

type Removal = RoomAccessRevokedPayload['reason'];

/**
 * The live part of a room page: the presence channel on the tab's realtime client (see the (app) layout) and its
 * views. Someone no longer on a business room's team gets a notice instead, and the live part unmounts, which
 * leaves every channel of this room (and only this room) at once.
 */
export function PresenceRoom(props: PresenceRoomProps) {
  const [removal, setRemoval] = useState<Removal | null>(null);
  if (removal) return <RemovedNotice heading={props.heading} reason={removal} />;
  return <LiveRoom {...props} onRemoved={setRemoval} />;
}

function LiveRoom({
  slug,
  me,
  channelName,
  kind,
  appearOffline: initialAppearOffline,
  initialTeam,
  heading,
  children,
  onRemoved,
}: PresenceRoomProps & { onRemoved: (reason: Removal) => void }) {
  const offline = useAppearOffline(initialAppearOffline, channelName);
  // The server refused us a place (the room's member cap): followed like "appear offline" until one frees up.
  const [full, setFull] = useState(false);
  const onFull = useCallback(() => setFull(true), []);
  const onPlace = useCallback(() => setFull(false), []);
  const waitingForPlace = full && !offline.appearOffline;
  // The one place where member or onlooker is decided: appearing offline or waiting in a full room, the room is
  // followed on its onlooker channel, never as a presence member. Everything below asks the feed.
  const onlooking = offline.appearOffline || full;
  const feed = useMemo(() => (onlooking ? onlookerFeed({ kind, slug }) : memberFeed(channelName)), [onlooking, kind, slug, channelName]);
  const { state, publishOwnStatus } = useRoomPresence(feed, me, { onFull });
  usePlaceInFullRoom(channelName, onlookerChannelName({ kind, slug }), waitingForPlace, onPlace);
  const removedAt = state.lifetimes.removedAt;
  const { roster, removed } = useTeamRoster(slug, feed.channelName, me.id, initialTeam);
  // When someone was seen leaving while this page was open (fresher than the server-rendered last seen).
  const leftAt = useMemo(() => new Map([...removedAt].map(([id, at]) => [id, new Date(at).toISOString()])), [removedAt]);
  const actions = useTeamActions(slug);
  const activity = useRoomActivity(feed, me.id, slug, removedAt);
  const reconnecting = useReconnecting(state.lifetimes.leaving);
  const presence = useMemo(() => {
    const byUser = presenceByUser(activity, reconnecting);
    return offline.appearOffline ? new Map(byUser).set(me.id, { activity: null, reconnecting: false, appearingOffline: true }) : byUser;
  }, [activity, reconnecting, offline.appearOffline, me.id]);
  const now = useNow(LAST_SEEN_TICK_MS);
  // Sorted and merged only when presence or the roster change, not on every clock tick or highlight.
  const present = useMemo(() => orderedMembers(state), [state]);
  // Business rooms: the roster decides who belongs and their role; presence only who is here.
  const view = useMemo(
    () => (initialTeam === null ? null : mergeRosterWithPresence(roster, present, leftAt)),
    [initialTeam, roster, present, leftAt],
  );
  const members = view ? view.online : present;
  const myInfo = state.members.get(me.id) ?? me.info;
  const myRole = roster.find((member) => member.id === me.id)?.role;
  const self: PresenceMember = { id: me.id, info: view && myRole ? { ...myInfo, isAdmin: myRole === 'admin' } : myInfo };
  const others = members.filter((member) => member.id !== me.id);
  const count = others.length + 1;
  const amAdmin = myRole === 'admin';
  const invitations = useRoomInvitations(slug, feed.channelName, amAdmin);
  useEffect(() => {
    if (removed) onRemoved(removed);
  }, [removed, onRemoved]);
  const team: TeamListing | undefined = view
    ? {
        offline: view.offline,
        now,
        rowActions: amAdmin
          ? (member) => (member.id === me.id ? null : <MemberActions id={member.id} name={member.name} isAdmin={member.isAdmin} actions={actions} />)
          : null,
        footer: (
          <>
            {amAdmin && <ManageTeam actions={actions} invitations={invitations} />}
            <LeaveTeam slug={slug} myId={me.id} onlyMember={roster.length === 1} />
          </>
        ),
      }
    : undefined;
  const stack = members.map((member) => (member.id === me.id ? self : member));

  const list = (
    <MemberList
      me={self}
      phase={state.phase}
      others={others}
      count={count}
      isBusiness={kind === 'business'}
      highlights={state.highlights}
      presence={presence}
      onStatusSaved={publishOwnStatus}
      myControls={<AppearOfflineSwitch api={offline} />}
      team={team}
    />
  );

  return (
    <div className="flex min-h-full flex-col">
      <div className="sticky top-0 z-40">
        <ConnectionBanner />
      </div>
      <div className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:px-6 sm:py-10">
        <header className="flex flex-wrap items-end justify-between gap-x-6 gap-y-4 border-b border-zinc-200 pb-6 dark:border-zinc-800">
          <div className="min-w-0">{heading}</div>
          <div className="flex items-center gap-4">
            <LiveIndicator />
            <AvatarStack members={stack} myId={state.myId} phase={state.phase} presence={presence} />
            <MembersDrawer count={count}>{list}</MembersDrawer>
          </div>
        </header>

        {waitingForPlace && <FullRoomNotice count={others.length} />}

        {state.failure && (
          <p role="alert" className="mt-6 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 dark:bg-red-500/10 dark:text-red-200 dark:ring-red-500/30">
            {state.failure}
          </p>
        )}

        <div className="mt-8 grid gap-8 md:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0">
            <RoomFeedProvider feed={feed}>
              <ModerationProvider canModerate={amAdmin}>{children}</ModerationProvider>
            </RoomFeedProvider>
          </div>
          <aside aria-label="People in this room" className="hidden md:block">
            <div className={`transition-opacity ${state.phase === 'subscribed' ? '' : 'opacity-60'}`}>{list}</div>
          </aside>
        </div>
      </div>
      <PresenceAnnouncer announcement={state.announcement} />
    </div>
  );
}

/** What someone no longer on this business room's team sees instead of the room (its channels are left). */
function RemovedNotice({ heading, reason }: { heading: ReactNode; reason: Removal }) {
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 sm:py-10">
      <header className="border-b border-zinc-200 pb-6 dark:border-zinc-800">{heading}</header>
      <div className="mt-8 rounded-2xl p-6 ring-1 ring-red-200 dark:ring-red-500/30">
        <p role="alert" className="text-sm font-semibold text-red-800 dark:text-red-200">
          {reason === 'left' ? 'You left this room.' : 'You were removed from this room by an admin.'}
        </p>
        <Link href="/rooms" className="mt-4 inline-block text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Back to rooms
        </Link>
      </div>
    </div>
  );
}
