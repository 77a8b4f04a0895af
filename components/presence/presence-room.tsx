'use client';

import type { ReactNode } from 'react';
import type { BrowserPusherOptions } from '@/lib/config';
import { orderedMembers, type PresenceMember } from '@/lib/realtime-client/presence-reducer';
import { RealtimeProvider } from '@/lib/realtime-client/realtime-provider';
import { usePresenceChannel } from '@/lib/realtime-client/use-presence-channel';
import { AvatarStack } from './avatar-stack';
import { ConnectionBanner } from './connection-banner';
import { LiveIndicator } from './live-indicator';
import { MemberList } from './member-list';
import { MembersDrawer } from './members-drawer';
import { PresenceAnnouncer } from './presence-announcer';

export type PresenceRoomProps = {
  pusherOptions: BrowserPusherOptions;
  me: PresenceMember;
  channelName: string;
  kind: 'hobby' | 'business';
  /** The room's title block, rendered by the server. */
  heading: ReactNode;
  /** The room's description card, rendered by the server. */
  children?: ReactNode;
};

/** The live part of a room page: one realtime client for the tab, the presence channel and its views. */
export function PresenceRoom({ pusherOptions, ...props }: PresenceRoomProps) {
  return (
    <RealtimeProvider options={pusherOptions}>
      <LiveRoom {...props} />
    </RealtimeProvider>
  );
}

function LiveRoom({ me, channelName, kind, heading, children }: Omit<PresenceRoomProps, 'pusherOptions'>) {
  const { state, publishOwnStatus } = usePresenceChannel(channelName, me);
  const members = orderedMembers(state);
  const self: PresenceMember = { id: me.id, info: state.members.get(me.id) ?? me.info };
  const others = members.filter((member) => member.id !== me.id);
  const count = state.members.size;

  const list = (
    <MemberList me={self} phase={state.phase} others={others} count={count} isBusiness={kind === 'business'} highlights={state.highlights} onStatusSaved={publishOwnStatus} />
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
            <AvatarStack members={members} myId={state.myId} phase={state.phase} />
            <MembersDrawer count={count}>{list}</MembersDrawer>
          </div>
        </header>

        {state.failure && (
          <p role="alert" className="mt-6 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 dark:bg-red-500/10 dark:text-red-200 dark:ring-red-500/30">
            {state.failure}
          </p>
        )}

        <div className="mt-8 grid gap-8 md:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0">{children}</div>
          <aside aria-label="People in this room" className="hidden md:block">
            <div className={`transition-opacity ${state.phase === 'subscribed' ? '' : 'opacity-60'}`}>{list}</div>
          </aside>
        </div>
      </div>
      <PresenceAnnouncer announcement={state.announcement} />
    </div>
  );
}
