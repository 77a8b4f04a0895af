import { describe, expect, it } from 'vitest';
import type { TeamMemberPayload } from './events';
import { mergeRosterWithPresence, rosterReducer, type PresentMember } from './roster';

const T1 = '2026-01-01T10:00:00.000Z';
const T2 = '2026-01-01T10:05:00.000Z';
const T3 = '2026-01-01T10:10:00.000Z';

function rostered(id: string, name: string, role: 'admin' | 'member', lastSeenAt: string | null = null): TeamMemberPayload {
  return { id, username: name.toLowerCase(), name, color: '#4f46e5', role, lastSeenAt };
}

function present(id: string, name: string, isAdmin?: boolean, status = ''): PresentMember {
  return { id, info: { name, color: '#4f46e5', status, statusUpdatedAt: null, ...(isAdmin === undefined ? {} : { isAdmin }) } };
}

const ada = rostered('u-ada', 'Ada', 'admin', T1);
const ben = rostered('u-ben', 'Ben', 'member', T2);
const cy = rostered('u-cy', 'Cy', 'member');
const dee = rostered('u-dee', 'Dee', 'member', T3);

describe('mergeRosterWithPresence', () => {
  it('lists present members first in presence order, then everyone else on the roster', () => {
    const view = mergeRosterWithPresence([ada, ben, cy, dee], [present('u-ben', 'Ben', false, 'coding'), present('u-ada', 'Ada', true)]);
    expect(view.online.map((member) => member.id)).toEqual(['u-ben', 'u-ada']);
    expect(view.online[0]?.info.status).toBe('coding');
    expect(view.offline.map((member) => member.id)).toEqual(['u-dee', 'u-cy']);
  });

  it('takes roles from the roster, not from the user_info captured at subscription time', () => {
    const promoted = rostered('u-ben', 'Ben', 'admin');
    const demoted = rostered('u-ada', 'Ada', 'member');
    const view = mergeRosterWithPresence([demoted, promoted, cy], [present('u-ada', 'Ada', true), present('u-ben', 'Ben', false)]);
    expect(view.online.map((member) => [member.id, member.info.isAdmin])).toEqual([
      ['u-ada', false],
      ['u-ben', true],
    ]);
    expect(view.offline[0]?.info).toMatchObject({ name: 'Cy', isAdmin: false, status: '' });
  });

  it('hides someone still present who is no longer on the roster (just removed)', () => {
    const view = mergeRosterWithPresence([ada], [present('u-ada', 'Ada', true), present('u-ben', 'Ben', false)]);
    expect(view.online.map((member) => member.id)).toEqual(['u-ada']);
    expect(view.offline).toEqual([]);
  });

  it('orders absent members by last seen, newest first, never-seen last, ties by name', () => {
    const eve = rostered('u-eve', 'Eve', 'member');
    const view = mergeRosterWithPresence([eve, cy, ada, dee, ben], []);
    expect(view.offline.map((member) => member.info.name)).toEqual(['Dee', 'Ben', 'Ada', 'Cy', 'Eve']);
  });

  it('prefers a departure seen live on this page when it is newer than the stored last seen', () => {
    const view = mergeRosterWithPresence([ada, ben], [], new Map([['u-ada', T3], ['u-ben', T1]]));
    expect(view.offline.map((member) => [member.id, member.lastSeenAt])).toEqual([
      ['u-ada', T3],
      ['u-ben', T2],
    ]);
  });
});

describe('rosterReducer', () => {
  it('adds once, changes roles, removes, and takes a whole re-read as the truth', () => {
    let roster = rosterReducer([ada], { type: 'added', member: ben });
    roster = rosterReducer(roster, { type: 'added', member: ben });
    expect(roster.map((member) => member.id)).toEqual(['u-ada', 'u-ben']);
    roster = rosterReducer(roster, { type: 'role_changed', userId: 'u-ben', role: 'admin' });
    expect(roster.find((member) => member.id === 'u-ben')?.role).toBe('admin');
    roster = rosterReducer(roster, { type: 'removed', userId: 'u-ada' });
    expect(roster.map((member) => member.id)).toEqual(['u-ben']);
    expect(rosterReducer(roster, { type: 'replaced', members: [cy] })).toEqual([cy]);
  });
});
