import { devices } from '@playwright/test';
import { ChatPanel } from './pages/chat-panel';
import { expect, test } from './pages/crowd';
import { leaveGraceStorage, PresenceDetails, recordRoom } from './pages/presence-details';
import { RoomsPage } from './pages/rooms-page';
import { E2E_REALTIME_KIND_ENV } from './support/web-servers';

/**
 * Leaving a room inside the app (another room, the rooms page) is a departure the others see at once, not after
 * the leave grace a reload or a blip gets (lib/presence/departures/member-lifetime.ts and leaving-words.ts).
 */

/** Ann's grace: so long that nothing in this test can pass by her grace running out. */
const OBSERVER_GRACE_MS = 60_000;
/**
 * "At once", with room for a loaded test machine (the product shows it in well under a second): far below
 * Ann's grace, so only the announced departure can make it.
 */
const SWITCH_LEAVE_SHOWN_WITHIN_MS = 10_000;
/** The realtime server (like Pusher) sends member_removed webhooks this long after the member left. */
const WEBHOOK_LEAVE_DELAY_MS = 3_000;

test.describe('room switch', () => {
  // Three sign-ups, two in-app switches and a reload, on a machine that may be busy.
  test.setTimeout(180_000);

  test('the old room sees the person leave at once and the new room sees them arrive; a reload still keeps the grace', async ({ crowd }) => {
    const { slug, name: firstRoom, person: ann } = await crowd.enterNewRoom('Switch from', { storage: leaveGraceStorage(OBSERVER_GRACE_MS) });
    const { name: secondRoom, person: cat } = await crowd.enterNewRoom('Switch to');
    const ben = await crowd.enter(slug);
    await ann.room.expectPresent([ann.displayName, ben.displayName]);
    const websockets: string[] = [];
    ben.page.on('websocket', (socket) => websockets.push(socket.url()));

    // Ben goes to the rooms list, then into Cat's room, by clicking, as a person would.
    await ben.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rooms', exact: true }).click();
    await expect(ann.room.row(ben.displayName)).toHaveCount(0, { timeout: SWITCH_LEAVE_SHOWN_WITHIN_MS });
    await ann.room.expectPresent([ann.displayName]);
    await expect(ann.room.announcements).toHaveText(`${ben.displayName} left`);

    await new RoomsPage(ben.page).joinLink(secondRoom).click();
    await ben.room.waitUntilLive();
    await cat.room.expectPresent([cat.displayName, ben.displayName]);
    await expect(cat.room.announcements).toHaveText(`${ben.displayName} joined`);
    // The tab's one realtime connection carried Ben through: no new WebSocket.
    expect(websockets).toEqual([]);

    // Back into Ann's room, then a reload there: a reload is not a departure, whatever the switch did before it.
    await ben.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rooms', exact: true }).click();
    await new RoomsPage(ben.page).joinLink(firstRoom).click();
    await ben.room.waitUntilLive();
    await ann.room.expectPresent([ann.displayName, ben.displayName]);
    await expect(cat.room.row(ben.displayName)).toHaveCount(0, { timeout: SWITCH_LEAVE_SHOWN_WITHIN_MS });
    const seen = await recordRoom(ann.page);

    await ben.page.reload();
    await ben.room.waitUntilLive();
    // Whatever the server said about Ben's old and new connection reached Ann before this message, sent after
    // Ben's new page joined, on the same channel.
    await new ChatPanel(ben.page).sendConfirmed('reloaded, still here');
    await expect(new ChatPanel(ann.page).message('reloaded, still here')).toBeVisible();
    await ann.room.expectPresent([ann.displayName, ben.displayName]);
    expect(await seen()).toEqual({ counts: [], announcements: [] });
  });
  test('one of two devices going elsewhere in the app is no longer counted at once; the person stays', async ({ crowd }) => {
    const { slug, person: ann } = await crowd.enterNewRoom('Switch devices', { storage: leaveGraceStorage(OBSERVER_GRACE_MS) });
    const ben = await crowd.enter(slug);
    const benForAnn = new PresenceDetails(ann.room, ben.displayName);
    const benOnPhone = await crowd.enter(slug, { account: ben, context: { ...devices['Pixel 7'] } });
    await expect(benForAnn.row).toContainText('on 2 devices (computer, phone)');

    // The phone goes to the rooms list. Ben is still here on his computer, so the server says nothing: only the
    // phone's goodbye, sent before its room view unsubscribes, tells (silent tabs age out after 150 s).
    await benOnPhone.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rooms', exact: true }).click();
    await expect(benForAnn.row).not.toContainText('device', { timeout: SWITCH_LEAVE_SHOWN_WITHIN_MS });
    await ann.room.expectPresent([ann.displayName, ben.displayName]);
  });

  test('an onlooker (appearing offline) sees an in-app leave at once too, from the mirrored leaving word', async ({ crowd }) => {
    // Against soketi 1.6.1 the onlooker still waits out the grace: its mirrored word did not pair with the removal
    // in the first run; found with this test and left open (see the branch's report), our server is the contract.
    test.skip(process.env[E2E_REALTIME_KIND_ENV] === 'soketi', 'soketi: the mirrored leaving word does not arrive in time (open)');
    const { slug, person: ann } = await crowd.enterNewRoom('Switch onlooker', { storage: leaveGraceStorage(OBSERVER_GRACE_MS) });
    await ann.room.me.getByRole('switch', { name: 'Appear offline' }).check();
    const ben = await crowd.enter(slug);
    // Mirrored to Ann's onlooker channel from the app's webhooks.
    await expect(ann.room.row(ben.displayName)).toBeVisible();

    await ben.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rooms', exact: true }).click();
    // Ann's grace is a minute: only Ben's leaving word, mirrored beside the (held) member_removed, can make it.
    await expect(ann.room.row(ben.displayName)).toHaveCount(0, { timeout: SWITCH_LEAVE_SHOWN_WITHIN_MS + WEBHOOK_LEAVE_DELAY_MS });
    await expect(ann.room.announcements).toHaveText(`${ben.displayName} left`);
  });
});
