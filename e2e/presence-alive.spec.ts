import { devices } from '@playwright/test';
import { expect, test } from './pages/crowd';
import { DEPARTURE_SHOWN_WITHIN_MS, lengthenLeaveGrace, PresenceDetails, setTabHidden, shortenActivityTimings, watchRoom } from './pages/presence-details';

/** Ann's grace in the reload test: longer than the slowest reload seen on the shared, loaded test machine (13 s). */
const RELOAD_TEST_GRACE_MS = 45_000;
/** After Ben is back, long enough for any late departure or arrival event to have shown. */
const SETTLE_MS = 3_000;

test.describe('presence that feels alive', () => {
  // Several sign-ups, a reload and waits past the leave grace, on a machine that may be busy.
  test.setTimeout(180_000);

  test('a reload is not a departure: the count, the stack and the announcements hold', async ({ crowd }) => {
    const ann = await crowd.enter('music');
    const ben = await crowd.enter('music');
    await lengthenLeaveGrace(ann.room, RELOAD_TEST_GRACE_MS);
    await ann.room.expectPresent([ann.displayName, ben.displayName]);
    const seen = await watchRoom(ann.page);

    await ben.page.reload();
    await ben.room.waitUntilLive();
    await ben.room.expectPresent([ann.displayName, ben.displayName]);
    await ann.page.waitForTimeout(SETTLE_MS);
    await ann.room.expectPresent([ann.displayName, ben.displayName]);
    await new PresenceDetails(ann.room, ben.displayName).expectState('active');
    expect(await seen()).toEqual({ counts: [], announcements: [] });
  });

  test('closing the tab: "reconnecting…" after a moment, then gone within the grace plus 5 s', async ({ crowd }) => {
    const ann = await crowd.enter('music');
    const ben = await crowd.enter('music');
    await ann.room.expectPresent([ann.displayName, ben.displayName]);

    await ben.page.close();
    const benForAnn = new PresenceDetails(ann.room, ben.displayName);
    await benForAnn.expectState('reconnecting');
    await expect(ann.room.memberCount).toHaveText('2 here');
    await expect(ann.room.row(ben.displayName)).toHaveCount(0, { timeout: DEPARTURE_SHOWN_WITHIN_MS });
    await ann.room.expectPresent([ann.displayName]);
    await expect(ann.room.announcements).toHaveText(`${ben.displayName} left`);
  });

  test('idle and away follow input and visibility, live for everyone and at once for a late joiner', async ({ crowd }) => {
    const ann = await crowd.enter('books');
    const ben = await crowd.enter('books');
    const benForAnn = new PresenceDetails(ann.room, ben.displayName);
    await benForAnn.expectState('active');

    await shortenActivityTimings(ben.room, { idleAfterMs: 3_000, awayAfterHiddenMs: 2_000 });
    // No input in Ben's tab: idle after 3 s, for Ann too.
    await benForAnn.expectState('idle');
    await ben.page.mouse.move(40, 40);
    await ben.page.mouse.move(60, 60);
    await benForAnn.expectState('active');

    await setTabHidden(ben.page, true);
    await benForAnn.expectState('away');
    const cat = await crowd.enter('books');
    await new PresenceDetails(cat.room, ben.displayName).expectState('away', { timeout: 3_000 });

    await setTabHidden(ben.page, false);
    await benForAnn.expectState('active');
    await new PresenceDetails(cat.room, ben.displayName).expectState('active');
  });

  test('someone on two browsers shows "on 2 devices" with a phone/computer hint; a second tab is not another device', async ({ crowd }) => {
    const ann = await crowd.enter('music');
    const ben = await crowd.enter('music');
    const benForAnn = new PresenceDetails(ann.room, ben.displayName);
    await expect(benForAnn.row).not.toContainText('device');

    await crowd.enter('music', { account: ben, context: { ...devices['Pixel 7'] } });
    await expect(benForAnn.row).toContainText('on 2 devices (computer, phone)');
    await expect(benForAnn.tooltip).toContainText('on 2 devices (computer, phone)');
    await ann.room.expectPresent([ann.displayName, ben.displayName]);

    // A second tab of the same browser is not another device.
    const benSecondTab = await ben.context.newPage();
    await benSecondTab.goto('/rooms/music');
    await expect(benForAnn.row).toContainText('on 2 devices');
  });

  // Known defect (issue 11 stays open for it): the goodbye a closing tab sends on pagehide is a client event on
  // a socket the browser is tearing down, and CI showed it lost; the others then keep "on 2 devices" until the
  // closed tab's beacons age out (150 s). A reliable departure signal (e.g. navigator.sendBeacon to the app,
  // which triggers the goodbye over REST) is the next step.
  test.fixme('one of two devices closing leaves just the person, within seconds', async ({ crowd }) => {
    const ann = await crowd.enter('music');
    const ben = await crowd.enter('music');
    const benForAnn = new PresenceDetails(ann.room, ben.displayName);
    const benOnPhone = await crowd.enter('music', { account: ben, context: { ...devices['Pixel 7'] } });
    await expect(benForAnn.row).toContainText('on 2 devices (computer, phone)');

    // Closing the tab as a person does (pagehide runs, so the tab says goodbye).
    await benOnPhone.page.close({ runBeforeUnload: true });
    await expect(benForAnn.row).not.toContainText('device');
    await expect(benForAnn.tooltip).not.toContainText('device');
    await ann.room.expectPresent([ann.displayName, ben.displayName]);
  });
});
