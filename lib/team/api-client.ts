import { z } from 'zod';
import type { MemberRole } from '@/lib/db/schema';
import type { TeamMemberPayload } from './events';

const errorBodySchema = z.object({ error: z.object({ message: z.string() }) });

/** A refused team request, carrying the server's own words. */
export class TeamRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamRequestError';
  }
}

async function send(url: string, method: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    throw new TeamRequestError(parsed.success ? parsed.data.error.message : 'Something went wrong; try again.');
  }
  return json;
}

const membersUrl = (slug: string) => `/api/rooms/${encodeURIComponent(slug)}/members`;

const invitationsUrl = (slug: string) => `/api/rooms/${encodeURIComponent(slug)}/invitations`;
const myInvitationUrl = (slug: string) => `/api/me/invitations/${encodeURIComponent(slug)}`;

export const invite = (slug: string, username: string) => send(invitationsUrl(slug), 'POST', { username });
export const revokeInvitation = (slug: string, username: string) => send(`${invitationsUrl(slug)}/${encodeURIComponent(username)}`, 'DELETE');
export const acceptInvitation = (slug: string) => send(myInvitationUrl(slug), 'POST');
export const declineInvitation = (slug: string) => send(myInvitationUrl(slug), 'DELETE');
/** Leaving is removing oneself. */
export const leaveTeam = (slug: string, myId: string) => send(`${membersUrl(slug)}/${encodeURIComponent(myId)}`, 'DELETE');
export const changeRole = (slug: string, userId: string, role: MemberRole) =>
  send(`${membersUrl(slug)}/${encodeURIComponent(userId)}`, 'PATCH', { role });
export const removeMember = (slug: string, userId: string) => send(`${membersUrl(slug)}/${encodeURIComponent(userId)}`, 'DELETE');

export async function createRoomRequest(input: { name: string; kind: 'hobby' | 'business'; description: string }): Promise<{ slug: string }> {
  const json = await send('/api/rooms', 'POST', input);
  return z.object({ room: z.object({ slug: z.string() }) }).parse(json).room;
}

const teamResponseSchema = z.object({
  members: z.array(
    z.object({
      id: z.string(),
      username: z.string(),
      name: z.string(),
      color: z.string(),
      role: z.enum(['admin', 'member']),
      lastSeenAt: z.string().nullable(),
    }),
  ),
});

/** The whole team of a business room, with roles, as the database has it now. */
export async function fetchTeam(slug: string): Promise<TeamMemberPayload[]> {
  const response = await fetch(membersUrl(slug), { cache: 'no-store' });
  if (!response.ok) throw new TeamRequestError(`Could not load the team (HTTP ${response.status}).`);
  return teamResponseSchema.parse(await response.json()).members;
}

const roomInvitationsSchema = z.object({ invitations: z.array(z.object({ username: z.string(), createdAt: z.string() })) });
export type RoomInvitationPayload = z.infer<typeof roomInvitationsSchema>['invitations'][number];

/** A business room's pending invitations (admins only). */
export async function fetchRoomInvitations(slug: string): Promise<RoomInvitationPayload[]> {
  const response = await fetch(invitationsUrl(slug), { cache: 'no-store' });
  if (!response.ok) throw new TeamRequestError(`Could not load the invitations (HTTP ${response.status}).`);
  return roomInvitationsSchema.parse(await response.json()).invitations;
}

const myInvitationsSchema = z.object({
  invitations: z.array(z.object({ slug: z.string(), roomName: z.string(), invitedByName: z.string(), createdAt: z.string() })),
});
export type MyInvitationPayload = z.infer<typeof myInvitationsSchema>['invitations'][number];

/** The invitations waiting for the signed-in user's answer. */
export async function fetchMyInvitations(): Promise<MyInvitationPayload[]> {
  const response = await fetch('/api/me/invitations', { cache: 'no-store' });
  if (!response.ok) throw new TeamRequestError(`Could not load your invitations (HTTP ${response.status}).`);
  return myInvitationsSchema.parse(await response.json()).invitations;
}
