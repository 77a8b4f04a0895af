'use client';

import { useEffect, useReducer, useState } from 'react';
import { z } from 'zod';
import { useRealtimeClient, useSubscriptions } from '@/lib/realtime-client/realtime-provider';
import { fetchTeam } from './api-client';
import {
  ROOM_ACCESS_REVOKED_EVENT,
  TEAM_MEMBER_ADDED_EVENT,
  TEAM_MEMBER_REMOVED_EVENT,
  TEAM_ROLE_CHANGED_EVENT,
  type RoomAccessRevokedPayload,
  type TeamMemberPayload,
} from './events';
import { rosterReducer } from './roster';
import { bindEvents } from '@/lib/realtime-client/bind-events';

const roleSchema = z.enum(['admin', 'member']);
const memberSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  color: z.string(),
  role: roleSchema,
  lastSeenAt: z.string().nullable(),
});
const addedSchema = z.object({ member: memberSchema });
const roleChangedSchema = z.object({ userId: z.string(), role: roleSchema });
const removedSchema = z.object({ userId: z.string() });
const revokedSchema = z.object({ slug: z.string(), reason: z.enum(['removed', 'left']).catch('removed') });

const NO_MEMBERS: TeamMemberPayload[] = [];

export type TeamRoster = {
  /** Who belongs to the business room and their role (empty in hobby rooms). */
  roster: TeamMemberPayload[];
  /** This user is no longer on the team: removed by an admin, or left (from another tab); null while a member. */
  removed: RoomAccessRevokedPayload['reason'] | null;
};

/**
 * A business room's roster, live: server-rendered, then kept current by team-* events on the room channel and
 * re-read after every (re)subscription (events sent while unsubscribed are lost). `initial` null: a hobby room.
 */
export function useTeamRoster(slug: string, channelName: string, myId: string, initial: TeamMemberPayload[] | null): TeamRoster {
  const pusher = useRealtimeClient();
  const subscriptions = useSubscriptions();
  const enabled = initial !== null;
  const [roster, dispatch] = useReducer(rosterReducer, initial ?? NO_MEMBERS);
  const [removed, setRemoved] = useState<TeamRoster['removed']>(null);

  useEffect(() => {
    if (!pusher || !subscriptions || !enabled) return;
    const lease = subscriptions.hold(channelName);
    let current = true;
    const onSucceeded = () => {
      fetchTeam(slug).then(
        (members) => {
          if (current) dispatch({ type: 'replaced', members });
        },
        (error: unknown) => console.error('[team] could not re-read the roster', error),
      );
    };
    const onTeamAdded = (data: unknown) => {
      const parsed = addedSchema.safeParse(data);
      if (parsed.success) dispatch({ type: 'added', member: parsed.data.member });
    };
    const onRoleChanged = (data: unknown) => {
      const parsed = roleChangedSchema.safeParse(data);
      if (parsed.success) dispatch({ type: 'role_changed', ...parsed.data });
    };
    const onTeamRemoved = (data: unknown) => {
      const parsed = removedSchema.safeParse(data);
      if (!parsed.success) return;
      dispatch({ type: 'removed', userId: parsed.data.userId });
      // The user event below says why; this covers its loss.
      if (parsed.data.userId === myId) setRemoved((reason) => reason ?? 'removed');
    };
    const onRevoked = (data: unknown) => {
      const parsed = revokedSchema.safeParse(data);
      if (parsed.success && parsed.data.slug === slug) setRemoved(parsed.data.reason);
    };

    const unbindChannel = bindEvents(lease.channel, {
      'pusher:subscription_succeeded': onSucceeded,
      [TEAM_MEMBER_ADDED_EVENT]: onTeamAdded,
      [TEAM_ROLE_CHANGED_EVENT]: onRoleChanged,
      [TEAM_MEMBER_REMOVED_EVENT]: onTeamRemoved,
    });
    const unbindUser = bindEvents(pusher.user, { [ROOM_ACCESS_REVOKED_EVENT]: onRevoked });
    return () => {
      current = false;
      unbindChannel();
      unbindUser();
      lease.release();
    };
  }, [pusher, subscriptions, enabled, channelName, slug, myId]);

  return { roster, removed };
}
