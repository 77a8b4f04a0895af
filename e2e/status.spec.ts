import { expect, test } from './pages/crowd';
import { RoomPage } from './pages/room-page';

test.describe('your status, edited inline', () => {
  test('a status edit appears live for the others with a highlight, and persists for a late joiner and after reload', async ({ crowd }) => {
    const ann = await crowd.enter('music');
    const ben = await crowd.enter('music');
    await ben.room.expectPresent([ann.displayName, ben.displayName]);

    const status = `Tuning guitars ${Date.now()}`;
    await ann.room.setStatus(status);
    await expect(ann.room.statusButton()).toHaveAccessibleName(`Your status: ${status}. Edit`);

    const annForBen = ben.room.row(ann.displayName);
    await expect(annForBen).toContainText(status);
    await expect(annForBen).toHaveAttribute('data-highlighted', 'true');
    // The highlight is brief.
    await expect(annForBen).not.toHaveAttribute('data-highlighted', 'true');

    const cat = await crowd.enter('music');
    await expect(cat.room.row(ann.displayName)).toContainText(status);
    await ann.room.stackAvatar(ann.displayName).hover();
    await expect(ann.room.page.getByRole('tooltip').filter({ hasText: status })).toBeVisible();

    await ann.page.reload();
    await ann.room.waitUntilLive();
    await expect(ann.room.statusButton()).toHaveAccessibleName(`Your status: ${status}. Edit`);
    await expect(cat.room.row(ann.displayName)).toContainText(status);
  });

  test('a change made in another tab reaches this tab and its room', async ({ crowd }) => {
    const ann = await crowd.enter('books');
    const ben = await crowd.enter('books');
    // Ann's second tab is in another room; the server tells all her tabs about the change.
    const annOtherTab = new RoomPage(await ann.context.newPage());
    await annOtherTab.goto('gaming');

    await annOtherTab.setStatus('changed from the other tab');
    await expect(ann.room.statusButton()).toHaveAccessibleName('Your status: changed from the other tab. Edit');
    await expect(ben.room.row(ann.displayName)).toContainText('changed from the other tab');
  });

  test('keyboard only: Enter edits and saves, Escape cancels, 100 characters at most, empty clears', async ({ crowd }) => {
    const ann = await crowd.enter('gaming');
    const ben = await crowd.enter('gaming');
    const { page } = ann;

    await ann.room.statusButton().focus();
    await page.keyboard.press('Enter');
    await expect(ann.room.statusInput).toBeFocused();
    await page.keyboard.type('Reading');
    await expect(ann.room.statusCounter).toHaveText('Characters used: 7/100');
    await page.keyboard.press('Enter');
    await expect(ann.room.statusButton()).toBeFocused();
    await expect(ann.room.statusButton()).toHaveAccessibleName('Your status: Reading. Edit');
    await expect(ben.room.row(ann.displayName)).toContainText('Reading');

    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('never sent');
    await page.keyboard.press('Escape');
    await expect(ann.room.statusButton()).toBeFocused();
    await expect(ann.room.statusButton()).toHaveAccessibleName('Your status: Reading. Edit');

    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('x'.repeat(120));
    await expect(ann.room.statusInput).toHaveValue('x'.repeat(100));
    await expect(ann.room.statusCounter).toHaveText('Characters used: 100/100');
    await page.keyboard.press('Enter');
    await expect(ann.room.statusButton()).toBeFocused();
    await expect(ben.room.row(ann.displayName)).toContainText('x'.repeat(100));

    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await expect(ann.room.statusButton()).toHaveAccessibleName('Set your status');
    await expect(ben.room.row(ann.displayName)).toContainText('No status');
    await expect(ben.page.getByText('never sent')).toHaveCount(0);
  });

  test('leaving the field saves, too', async ({ crowd }) => {
    const ann = await crowd.enter('books');
    const ben = await crowd.enter('books');
    await ann.room.statusButton().click();
    await ann.room.statusInput.fill('saved on blur');
    await ann.room.heading.click();
    await expect(ann.room.statusButton()).toHaveAccessibleName('Your status: saved on blur. Edit');
    await expect(ben.room.row(ann.displayName)).toContainText('saved on blur');
  });
});
