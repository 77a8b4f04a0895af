'use client';

import type { PresenceChannel } from 'pusher-js';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { useRealtimeClient } from '@/lib/realtime-client/realtime-provider';
import {
  ROOM_ACCESS_REVOKED_EVENT,
  TEAM_MEMBER_ADDED_EVENT,
  TEAM_MEMBER_REMOVED_EVENT,
  TEAM_ROLE_CHANGED_EVENT,
  type TeamMemberPayload,
} from './events';

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
const revokedSchema = z.object({ slug: z.string() });

type RawMembers = { each(callback: (member: { id: string }) => void): void };

export type TeamState = {
  members: TeamMemberPayload[];
  online: ReadonlySet<string>;
  /** When someone was seen leaving while this page was open (fresher than the server-rendered last seen). */
  leftAt: ReadonlyMap<string, string>;
  /** This user was removed from the room. */
  removed: boolean;
};

/**
 * A business room's whole team, live: who belongs (team-* events on the room channel), who is online (the
 * presence channel's members) and whether this user has just been removed (a user event).
 */
export function useTeam(slug: string, channelName: string, myId: string, initial: TeamMemberPayload[]): TeamState {
  const pusher = useRealtimeClient();
  const [members, setMembers] = useState(initial);
  const [online, setOnline] = useState<ReadonlySet<string>>(() => new Set());
  const [leftAt, setLeftAt] = useState<ReadonlyMap<string, string>>(() => new Map());
  const [removed, setRemoved] = useState(false);

  useEffect(() => {
    if (!pusher) return;
    const channel = (pusher.channel(channelName) ?? pusher.subscribe(channelName)) as PresenceChannel;
    const onSucceeded = (raw: RawMembers) => {
      const ids = new Set<string>();
      raw.each((member) => ids.add(String(member.id)));
      setOnline(ids);
    };
    const onAdded = (member: { id: string }) => setOnline((current) => new Set(current).add(String(member.id)));
    const onRemoved = (member: { id: string }) => {
      const id = String(member.id);
      setOnline((current) => {
        const next = new Set(current);
        next.delete(id);
        return next;
      });
      setLeftAt((current) => new Map(current).set(id, new Date().toISOString()));
    };
    const onTeamAdded = (data: unknown) => {
      const parsed = addedSchema.safeParse(data);
      if (parsed.success) setMembers((current) => [...current.filter((m) => m.id !== parsed.data.member.id), parsed.data.member]);
    };
    const onRoleChanged = (data: unknown) => {
      const parsed = roleChangedSchema.safeParse(data);
      if (!parsed.success) return;
      const { userId, role } = parsed.data;
      setMembers((current) => current.map((member) => (member.id === userId ? { ...member, role } : member)));
    };
    const onTeamRemoved = (data: unknown) => {
      const parsed = removedSchema.safeParse(data);
      if (!parsed.success) return;
      setMembers((current) => current.filter((member) => member.id !== parsed.data.userId));
      if (parsed.data.userId === myId) setRemoved(true);
    };
    const onRevoked = (data: unknown) => {
      const parsed = revokedSchema.safeParse(data);
      if (parsed.success && parsed.data.slug === slug) setRemoved(true);
    };

    channel.bind('pusher:subscription_succeeded', onSucceeded);
    channel.bind('pusher:member_added', onAdded);
    channel.bind('pusher:member_removed', onRemoved);
    channel.bind(TEAM_MEMBER_ADDED_EVENT, onTeamAdded);
    channel.bind(TEAM_ROLE_CHANGED_EVENT, onRoleChanged);
    channel.bind(TEAM_MEMBER_REMOVED_EVENT, onTeamRemoved);
    pusher.user.bind(ROOM_ACCESS_REVOKED_EVENT, onRevoked);
    return () => {
      channel.unbind('pusher:subscription_succeeded', onSucceeded);
      channel.unbind('pusher:member_added', onAdded);
      channel.unbind('pusher:member_removed', onRemoved);
      channel.unbind(TEAM_MEMBER_ADDED_EVENT, onTeamAdded);
      channel.unbind(TEAM_ROLE_CHANGED_EVENT, onRoleChanged);
      channel.unbind(TEAM_MEMBER_REMOVED_EVENT, onTeamRemoved);
      pusher.user.unbind(ROOM_ACCESS_REVOKED_EVENT, onRevoked);
    };
  }, [pusher, channelName, slug, myId]);

  return { members, online, leftAt, removed };
}
