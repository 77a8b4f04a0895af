import { describe, expect, it } from 'vitest';
import type { MemberInfo } from '@/lib/presence/member-info';
import { DEPARTURE_MATCH_MS, LEAVE_GRACE_MS, ONLOOKER_DEPARTURE_MATCH_MS } from '@/lib/presence/departures/member-lifetime';
import { initialPresenceState, orderedMembers, presenceReducer, type PresenceAction, type PresenceState } from './presence-reducer';

const T1 = '2026-01-01T10:00:00.000Z';
const T2 = '2026-01-01T10:05:00.000Z';
const T3 = '2026-01-01T10:10:00.000Z';
/** "Now" for actions that carry a time (ms). */
const AT = 1_000_000;

function info(name: string, status = '', statusUpdatedAt: string | null = null): MemberInfo {
  return { name, color: '#4f46e5', status, statusUpdatedAt };
}

const me = { id: 'u-me', info: info('Me Myself', 'here', T1) };
const ann = { id: 'u-ann', info: info('Ann', 'coding', T1) };
const ben = { id: 'u-ben', info: info('Ben') };

function run(...actions: PresenceAction[]): PresenceState {
  return actions.reduce(presenceReducer, initialPresenceState(me));
}

const names = (state: PresenceState) => orderedMembers(state).map((member) => member.info.name);

describe('presenceReducer', () => {
  it('starts with only you, subscribing', () => {
    const state = run();
    expect(state.phase).toBe('subscribing');
    expect(names(state)).toEqual(['Me Myself']);
  });

  it('takes the full list on subscription_succeeded, you first', () => {
    const state = run({ type: 'subscription_succeeded', members: [ann, me, ben], at: AT });
    expect(state.phase).toBe('subscribed');
    expect(names(state)).toEqual(['Me Myself', 'Ann', 'Ben']);
    expect(state.announcement).toBeNull();
  });

  it('after a reconnect, keeps members missing from the new list in grace, then drops them, announced once', () => {
    const state = run(
      { type: 'subscription_succeeded', members: [me, ann, ben], at: AT },
      { type: 'subscription_succeeded', members: [me, ben], at: AT + 10 },
    );
    expect(names(state)).toEqual(['Me Myself', 'Ben', 'Ann']);
    expect(state.lifetimes.leaving.get('u-ann')).toBe(AT + 10);
    expect(state.announcement).toBeNull();
    expect(presenceReducer(state, { type: 'grace_expired', now: AT + 10 + LEAVE_GRACE_MS - 1 })).toBe(state);
    const after = presenceReducer(state, { type: 'grace_expired', now: AT + 10 + LEAVE_GRACE_MS });
    expect(names(after)).toEqual(['Me Myself', 'Ben']);
    expect(after.lifetimes.leaving.size).toBe(0);
    expect(after.announcement?.text).toBe('Ann left');
  });

  it('a member who comes back within the grace was never gone: no announcement, no change of the list', () => {
    const here = run({ type: 'subscription_succeeded', members: [me, ann, ben], at: AT });
    const removed = presenceReducer(here, { type: 'member_removed', id: 'u-ann', at: AT + 5 });
    expect(names(removed)).toEqual(['Me Myself', 'Ann', 'Ben']);
    expect(removed.announcement).toBeNull();
    const back = presenceReducer(removed, { type: 'member_added', member: ann });
    expect(back.lifetimes.leaving.size).toBe(0);
    expect(back.announcement).toBeNull();
    expect(presenceReducer(back, { type: 'grace_expired', now: AT + 5 + LEAVE_GRACE_MS })).toBe(back);
  });

  it('keeps the first leave time when the server repeats a removal, and announces expiring leavers together', () => {
    let state = run(
      { type: 'subscription_succeeded', members: [me, ann, ben], at: AT },
      { type: 'member_removed', id: 'u-ann', at: AT },
      { type: 'member_removed', id: 'u-ben', at: AT + 100 },
    );
    state = presenceReducer(state, { type: 'member_removed', id: 'u-ann', at: AT + 200 });
    expect(state.lifetimes.leaving.get('u-ann')).toBe(AT);
    state = presenceReducer(state, { type: 'grace_expired', now: AT + 100 + LEAVE_GRACE_MS });
    expect(names(state)).toEqual(['Me Myself']);
    expect(state.announcement?.text).toBe('Ann and Ben left');
  });

  it('keeps you when the list comes without you (following the room while appearing offline)', () => {
    const state = run({ type: 'subscription_succeeded', members: [ann, ben], at: AT });
    expect(names(state)).toEqual(['Me Myself', 'Ann', 'Ben']);
    expect(state.lifetimes.leaving.has('u-me')).toBe(false);
  });

  describe('a leaving word is an input, never a removal by itself (issue 17 item 10)', () => {
    it('keeps someone the server still lists, whatever they say, and their word lapses', () => {
      const said = run({ type: 'subscription_succeeded', members: [me, ann], at: AT }, { type: 'member_leaving', id: 'u-ann', at: AT });
      expect(names(said)).toEqual(['Me Myself', 'Ann']);
      expect(said.announcement).toBeNull();
      // Said again and again (a forged goodbye on repeat): still listed, and a later real removal gets the grace.
      const repeated = presenceReducer(presenceReducer(said, { type: 'member_leaving', id: 'u-ann', at: AT + 1_000 }), { type: 'member_leaving', id: 'u-ann', at: AT + 2_000 });
      expect(names(repeated)).toEqual(['Me Myself', 'Ann']);
      const removed = presenceReducer(repeated, { type: 'member_removed', id: 'u-ann', at: AT + 2_000 + DEPARTURE_MATCH_MS + 1 });
      expect(names(removed)).toEqual(['Me Myself', 'Ann']);
      expect(removed.lifetimes.leaving.has('u-ann')).toBe(true);
    });

    it('removes them at once when a fresh list from the server no longer has them, just after their word', () => {
      const state = run(
        { type: 'subscription_succeeded', members: [me, ann, ben], at: AT },
        { type: 'member_leaving', id: 'u-ann', at: AT + 10 },
        { type: 'subscription_succeeded', members: [me, ben], at: AT + 20 },
      );
      expect(names(state)).toEqual(['Me Myself', 'Ben']);
      expect(state.announcement?.text).toBe('Ann left');
      expect(state.lifetimes.leaving.size).toBe(0);
    });

    it('pairs word and removal within the onlooker feed\'s wider window, which the webhook mirror needs', () => {
      const heardLate = (matchMs?: number) =>
        run(
          { type: 'subscribing', departureMatchMs: matchMs },
          { type: 'subscription_succeeded', members: [me, ann], at: AT },
          { type: 'member_leaving', id: 'u-ann', at: AT },
          { type: 'member_removed', id: 'u-ann', at: AT + DEPARTURE_MATCH_MS + 2_000 },
        );
      expect(names(heardLate(ONLOOKER_DEPARTURE_MATCH_MS))).toEqual(['Me Myself']);
      expect(names(heardLate())).toEqual(['Me Myself', 'Ann']);
    });
  });

  describe('leaving the room for good (another room, the rooms list)', () => {
    const here = () => run({ type: 'subscription_succeeded', members: [me, ann, ben], at: AT });
    const after = (state: PresenceState, ...actions: PresenceAction[]) => actions.reduce(presenceReducer, state);

    it('drops them at once, announced, when the server\'s removal follows their word', () => {
      const state = after(
        here(),
        { type: 'member_leaving', id: 'u-ben', at: AT },
        { type: 'member_removed', id: 'u-ben', at: AT + 20 },
      );
      expect(names(state)).toEqual(['Me Myself', 'Ann']);
      expect(state.announcement?.text).toBe('Ben left');
      expect(state.lifetimes.leaving.size).toBe(0);
      expect(state.lifetimes.departing.size).toBe(0);
    });

    it('ends the grace at once when their word comes after the server\'s removal', () => {
      const removed = presenceReducer(here(), { type: 'member_removed', id: 'u-ben', at: AT });
      expect(removed.lifetimes.leaving.has('u-ben')).toBe(true);
      const state = presenceReducer(removed, { type: 'member_leaving', id: 'u-ben', at: AT + 20 });
      expect(names(state)).toEqual(['Me Myself', 'Ann']);
      expect(state.announcement?.text).toBe('Ben left');
      expect(state.lifetimes.leaving.size).toBe(0);
    });

    it('changes nothing by itself: their other tab in the room stays, and a later removal gets the grace', () => {
      const said = presenceReducer(here(), { type: 'member_leaving', id: 'u-ben', at: AT });
      expect(names(said)).toEqual(['Me Myself', 'Ann', 'Ben']);
      expect(said.announcement).toBeNull();
      // That other tab reloads well after: a reload, so the grace.
      const reloaded = presenceReducer(said, { type: 'member_removed', id: 'u-ben', at: AT + DEPARTURE_MATCH_MS + 1 });
      expect(names(reloaded)).toEqual(['Me Myself', 'Ann', 'Ben']);
      expect(reloaded.lifetimes.leaving.get('u-ben')).toBe(AT + DEPARTURE_MATCH_MS + 1);
      expect(reloaded.lifetimes.departing.has('u-ben')).toBe(false);
      expect(reloaded.announcement).toBeNull();
    });

    it('removes only the sender: their word about leaving never makes someone else\'s removal skip the grace', () => {
      const state = after(
        here(),
        { type: 'member_leaving', id: 'u-ann', at: AT },
        { type: 'member_removed', id: 'u-ben', at: AT + 20 },
      );
      expect(names(state)).toEqual(['Me Myself', 'Ann', 'Ben']);
      expect(state.lifetimes.leaving.has('u-ben')).toBe(true);
      expect(state.announcement).toBeNull();
    });

    it('forgets their word when they are back, and ignores it from you or from someone not here', () => {
      const back = after(
        here(),
        { type: 'member_leaving', id: 'u-ben', at: AT },
        { type: 'member_added', member: ben },
        { type: 'member_removed', id: 'u-ben', at: AT + 20 },
      );
      expect(back.lifetimes.leaving.has('u-ben')).toBe(true);
      expect(names(back)).toContain('Ben');
      const before = here();
      expect(presenceReducer(before, { type: 'member_leaving', id: 'u-me', at: AT })).toBe(before);
      expect(presenceReducer(before, { type: 'member_leaving', id: 'u-nobody', at: AT })).toBe(before);
    });
  });

  it('ignores the removal of someone unknown, and never removes you', () => {
    const before = run({ type: 'subscription_succeeded', members: [me, ann], at: AT });
    expect(presenceReducer(before, { type: 'member_removed', id: 'u-nobody', at: AT })).toBe(before);
    expect(presenceReducer(before, { type: 'member_removed', id: 'u-me', at: AT })).toBe(before);
  });

  it('does not announce a repeated member_added for someone already here', () => {
    const state = run({ type: 'subscription_succeeded', members: [me, ann], at: AT }, { type: 'member_added', member: ann });
    expect(state.announcement).toBeNull();
    expect(state.members.size).toBe(2);
  });

  it('applies a newer client status update and highlights the row', () => {
    const state = run(
      { type: 'subscription_succeeded', members: [me, ann], at: AT },
      { type: 'status_update', id: 'u-ann', stamp: { status: 'lunch', statusUpdatedAt: T2 }, highlight: true },
    );
    expect(state.members.get('u-ann')).toMatchObject({ status: 'lunch', statusUpdatedAt: T2, name: 'Ann' });
    expect(state.highlights.get('u-ann')).toBeTypeOf('number');
  });

  it('keeps the newest status: an older or equal update changes nothing and does not highlight', () => {
    const newer = run(
      { type: 'subscription_succeeded', members: [me, ann], at: AT },
      { type: 'status_update', id: 'u-ann', stamp: { status: 'lunch', statusUpdatedAt: T3 }, highlight: false },
    );
    const older = presenceReducer(newer, { type: 'status_update', id: 'u-ann', stamp: { status: 'stale', statusUpdatedAt: T2 }, highlight: true });
    expect(older.members.get('u-ann')?.status).toBe('lunch');
    expect(older.highlights.has('u-ann')).toBe(false);
    const same = presenceReducer(older, { type: 'status_update', id: 'u-ann', stamp: { status: 'lunch', statusUpdatedAt: T3 }, highlight: true });
    expect(same).toBe(older);
  });

  it('treats a never-set status (null) as older than any set one, so clearing to empty still wins', () => {
    const state = run(
      { type: 'subscription_succeeded', members: [me, ben], at: AT },
      { type: 'status_update', id: 'u-ben', stamp: { status: '', statusUpdatedAt: T1 }, highlight: true },
    );
    expect(state.members.get('u-ben')).toMatchObject({ status: '', statusUpdatedAt: T1 });
    expect(state.highlights.has('u-ben')).toBe(true);
  });

  it('changes a new highlight token on every new update of the same person', () => {
    const first = run(
      { type: 'subscription_succeeded', members: [me, ann], at: AT },
      { type: 'status_update', id: 'u-ann', stamp: { status: 'a', statusUpdatedAt: T2 }, highlight: true },
    );
    const second = presenceReducer(first, { type: 'status_update', id: 'u-ann', stamp: { status: 'b', statusUpdatedAt: T3 }, highlight: true });
    expect(second.highlights.get('u-ann')).not.toBe(first.highlights.get('u-ann'));
  });

  it('corrects stale user_info for a late joiner from fetched statuses, newest wins, without highlight', () => {
    const state = run(
      { type: 'subscription_succeeded', members: [me, ann, ben], at: AT },
      {
        type: 'status_corrections',
        statuses: {
          'u-ann': { status: 'in a meeting', statusUpdatedAt: T2 },
          'u-ben': { status: 'back soon', statusUpdatedAt: T1 },
          'u-me': { status: 'old me', statusUpdatedAt: '2025-12-31T00:00:00.000Z' },
        },
      },
    );
    expect(state.members.get('u-ann')?.status).toBe('in a meeting');
    expect(state.members.get('u-ben')).toMatchObject({ status: 'back soon', statusUpdatedAt: T1 });
    expect(state.members.get('u-me')?.status).toBe('here');
    expect(state.highlights.size).toBe(0);
  });

  it('remembers the newest status across a resubscription whose user_info is older', () => {
    const state = run(
      { type: 'subscription_succeeded', members: [me, ann], at: AT },
      { type: 'status_update', id: 'u-ann', stamp: { status: 'new', statusUpdatedAt: T3 }, highlight: true },
      { type: 'subscription_succeeded', members: [me, ann], at: AT },
    );
    expect(state.members.get('u-ann')).toMatchObject({ status: 'new', statusUpdatedAt: T3 });
    expect(state.highlights.size).toBe(0);
  });

  it('applies a status update that arrives before the member is listed once they are added', () => {
    const state = run(
      { type: 'subscription_succeeded', members: [me], at: AT },
      { type: 'status_corrections', statuses: { 'u-ann': { status: 'newest', statusUpdatedAt: T3 } } },
      { type: 'member_added', member: ann },
    );
    expect(state.members.get('u-ann')?.status).toBe('newest');
  });

  it('keeps the admin flag and other info when a status changes', () => {
    const admin = { id: 'u-adm', info: { ...info('Ada'), isAdmin: true } };
    const state = run(
      { type: 'subscription_succeeded', members: [me, admin], at: AT },
      { type: 'status_update', id: 'u-adm', stamp: { status: 'x', statusUpdatedAt: T2 }, highlight: false },
    );
    expect(state.members.get('u-adm')).toEqual({ ...admin.info, status: 'x', statusUpdatedAt: T2 });
  });

  it('records a failed subscription and recovers on the next attempt', () => {
    const failed = run({ type: 'subscription_failed', message: 'members only' });
    expect(failed).toMatchObject({ phase: 'failed', failure: 'members only' });
    expect(presenceReducer(failed, { type: 'subscribing' })).toMatchObject({ phase: 'subscribing', failure: null });
  });
});
