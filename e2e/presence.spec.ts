import { expect, test } from './pages/crowd';
import { leaveGraceStorage, TEST_DEPARTURE_SHOWN_WITHIN_MS, TEST_LEAVE_GRACE_MS } from './pages/presence-details';
import { RoomPage } from './pages/room-page';

const HOSTILE = '<img src=x onerror=window.__pwned=1>';

test.describe('who is here, live', () => {
  test('two, then three people in a hobby room see each other in the stack and the list', async ({ crowd }) => {
    const { slug, person: ann } = await crowd.enterNewRoom('Two then three');
    await ann.room.expectPresent([ann.displayName]);
    await expect(ann.room.me).toContainText(`${ann.displayName}(you)`);

    const ben = await crowd.enter(slug);
    await ann.room.expectPresent([ann.displayName, ben.displayName]);
    await ben.room.expectPresent([ann.displayName, ben.displayName]);
    await expect(ann.room.row(ben.displayName)).toBeVisible();
    await expect(ben.room.row(ann.displayName)).toBeVisible();
    await expect(ann.room.announcements).toHaveText(`${ben.displayName} joined`);

    const cat = await crowd.enter(slug);
    for (const person of [ann, ben, cat]) {
      await person.room.expectPresent([ann.displayName, ben.displayName, cat.displayName]);
    }
    // You first, marked; the others after you.
    await expect(cat.room.me).toContainText(cat.displayName);
    await expect(cat.room.row(ann.displayName)).toBeVisible();
    await expect(cat.room.row(ben.displayName)).toBeVisible();
    await expect(cat.room.stackAvatar(cat.displayName)).toHaveAccessibleName(`${cat.displayName} (you)`);
  });

  test('the stack shows five faces, then "+N" naming the rest', async ({ crowd }) => {
    // Seven sign-ups in a row.
    test.setTimeout(120_000);
    const { slug, person: first } = await crowd.enterNewRoom('Stack');
    const people = [first];
    for (let index = 1; index < 7; index += 1) people.push(await crowd.enter(slug));
    const names = people.map((person) => person.displayName);
    await first.room.expectPresent(names);
    await expect(first.room.avatarStack.getByRole('button', { name: '2 more' })).toHaveText('+2');
    await expect(first.room.stackAvatar(first.displayName)).toBeVisible();
  });

  test('closing the page removes that person for everyone within seconds', async ({ crowd }) => {
    // The grace itself is presence-alive.spec.ts's subject; here Ann and Cat give a short one.
    const short = { storage: leaveGraceStorage(TEST_LEAVE_GRACE_MS) };
    const { slug, person: ann } = await crowd.enterNewRoom('Closing', short);
    const ben = await crowd.enter(slug);
    const cat = await crowd.enter(slug, short);
    await ann.room.expectPresent([ann.displayName, ben.displayName, cat.displayName]);

    await ben.page.close();
    // After the leave grace (a reload within it would not be a departure).
    await expect(ann.room.row(ben.displayName)).toHaveCount(0, { timeout: TEST_DEPARTURE_SHOWN_WITHIN_MS });
    for (const person of [ann, cat]) {
      await person.room.expectPresent([ann.displayName, cat.displayName]);
      await expect(person.room.row(ben.displayName)).toHaveCount(0);
      await expect(person.room.stackAvatar(ben.displayName)).toHaveCount(0);
    }
    await expect(ann.room.announcements).toHaveText(`${ben.displayName} left`);
  });

  test('the same person in two tabs counts once until their last tab closes', async ({ crowd }) => {
    const { slug, person: ann } = await crowd.enterNewRoom('Two tabs', { storage: leaveGraceStorage(TEST_LEAVE_GRACE_MS) });
    const ben = await crowd.enter(slug);
    await ann.room.expectPresent([ann.displayName, ben.displayName]);

    const benSecondTab = await ben.context.newPage();
    const benSecondRoom = new RoomPage(benSecondTab);
    await benSecondRoom.goto(slug);
    await benSecondRoom.expectPresent([ann.displayName, ben.displayName]);
    await ann.room.expectPresent([ann.displayName, ben.displayName]);

    await ben.page.close();
    // Still here through the other tab: wait for a full round trip, then check the count held.
    await benSecondRoom.setStatus('still here in my other tab');
    await expect(ann.room.row(ben.displayName)).toContainText('still here in my other tab');
    await ann.room.expectPresent([ann.displayName, ben.displayName]);

    await benSecondTab.close();
    await expect(ann.room.row(ben.displayName)).toHaveCount(0, { timeout: TEST_DEPARTURE_SHOWN_WITHIN_MS });
    await ann.room.expectPresent([ann.displayName]);
  });

  test('hostile text in a display name and a status renders as inert text', async ({ crowd }) => {
    const mallory = await crowd.enter('gaming', { displayName: HOSTILE });
    await mallory.room.setStatus(HOSTILE);
    const victim = await crowd.enter('gaming');

    await expect(victim.room.row(HOSTILE)).toBeVisible();
    // The name and the status, each shown as text (the row also says how active they are).
    await expect(victim.room.row(HOSTILE).getByText(HOSTILE, { exact: true })).toHaveCount(2);
    await expect(victim.room.stackAvatar(HOSTILE)).toBeVisible();
    await expect(mallory.room.me).toContainText(HOSTILE);
    await expect(victim.page.locator('main img, [role="region"] img, ul img')).toHaveCount(0);
    for (const page of [victim.page, mallory.page]) {
      expect(await page.evaluate(() => (window as Window & { __pwned?: unknown }).__pwned)).toBeUndefined();
    }
  });

  test('on a phone the member list opens in a drawer', async ({ crowd }) => {
    const ann = await crowd.enter('music');
    const ben = await crowd.enter('music', { context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } });
    await expect(ben.room.members).toBeHidden();
    await expect(ben.room.membersButton).toHaveText('Members (2)');
    await expect(ben.room.avatarStack.getByRole('button')).toHaveCount(2);

    await ben.room.membersButton.click();
    await expect(ben.room.membersDialog).toBeVisible();
    await expect(ben.room.memberCount).toHaveText('2 here');
    await expect(ben.room.row(ann.displayName)).toBeVisible();
    await expect(ben.room.me).toContainText(`${ben.displayName}(you)`);
    await ben.page.keyboard.press('Escape');
    await expect(ben.room.membersDialog).toBeHidden();
    await expect(ben.room.membersButton).toBeFocused();
  });

  test('dark mode renders the room readable', async ({ crowd }) => {
    const ann = await crowd.enter('books', { context: { colorScheme: 'dark' } });
    await ann.room.setStatus('night shift');
    const [background, heading, status] = await ann.page.evaluate(() => {
      // Resolve any CSS colour (Tailwind v4 uses oklch) to sRGB by painting one pixel.
      const toRgb = (color: string) => {
        const context = document.createElement('canvas').getContext('2d')!;
        context.fillStyle = color;
        context.fillRect(0, 0, 1, 1);
        return Array.from(context.getImageData(0, 0, 1, 1).data.slice(0, 3));
      };
      const colorOf = (element: Element | null) => toRgb(getComputedStyle(element!).color);
      return [toRgb(getComputedStyle(document.body).backgroundColor), colorOf(document.querySelector('h1')), colorOf(document.querySelector('[role="group"] button span'))];
    });
    const luminance = ([r, g, b]: number[]) => {
      const channel = (value: number) => ((value /= 255) <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    const contrast = (a: number[], b: number[]) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (light! + 0.05) / (dark! + 0.05);
    };
    expect(luminance(background)).toBeLessThan(0.02);
    // WCAG AA: at least 4.5:1 for body text; the heading should be far above that.
    expect(contrast(heading, background)).toBeGreaterThan(12);
    expect(contrast(status, background)).toBeGreaterThan(4.5);
    await expect(ann.room.memberCount).toHaveText('1 here');
  });
});
