import type { MemberRole, RoomKind } from './schema';

/** Everyone in the demo signs in with this password; the README lists the accounts. */
export const DEMO_PASSWORD = 'presently-demo';

type DemoRoom = { slug: string; name: string; kind: RoomKind; description: string };
type DemoUser = { username: string; displayName: string; rooms: Record<string, MemberRole> };

export const DEMO_ROOMS: readonly DemoRoom[] = [
  { slug: 'gaming', name: 'Gaming', kind: 'hobby', description: 'Raids, speedruns and whatever is on sale this week.' },
  { slug: 'music', name: 'Music', kind: 'hobby', description: 'What are you listening to right now?' },
  { slug: 'books', name: 'Books', kind: 'hobby', description: 'A quiet corner for readers and their current page.' },
  { slug: 'acme-hq', name: 'Acme HQ', kind: 'business', description: 'The Acme team room: stand-ups, focus time and who is out.' },
];

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'alice', displayName: 'Alice Anders', rooms: { 'acme-hq': 'admin' } },
  { username: 'bob', displayName: 'Bob Brown', rooms: { 'acme-hq': 'member' } },
  { username: 'carol', displayName: 'Carol Chen', rooms: {} },
];
