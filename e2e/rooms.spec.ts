import { expect, test } from './fixtures';
import { RoomsPage } from './pages/rooms-page';

test('hobby and business rooms are listed apart; a business room you are not in is locked', async ({ people }) => {
  const carol = await people.signInAs('carol');
  const rooms = new RoomsPage(carol.page);
  await rooms.goto();

  await expect(carol.page.getByRole('heading', { level: 1, name: 'Rooms' })).toBeVisible();
  for (const name of ['Gaming', 'Music', 'Books']) {
    await expect(rooms.hobbySection.getByRole('article', { name })).toBeVisible();
    await expect(rooms.joinLink(name)).toHaveAttribute('href', `/rooms/${name.toLowerCase()}`);
  }

  const acme = rooms.businessSection.getByRole('article', { name: 'Acme HQ' });
  await expect(acme).toBeVisible();
  await expect(acme).toContainText('Members only');
  await expect(acme.getByRole('link')).toHaveCount(0);
  await expect(rooms.hobbySection.getByRole('article', { name: 'Acme HQ' })).toHaveCount(0);
});

test('members see their business room open, admins with a badge', async ({ people }) => {
  const alice = await people.signInAs('alice');
  const aliceRooms = new RoomsPage(alice.page);
  await aliceRooms.goto();
  const acmeForAlice = aliceRooms.businessSection.getByRole('article', { name: 'Acme HQ' });
  await expect(acmeForAlice).toContainText('Admin');
  await expect(acmeForAlice).not.toContainText('Members only');
  await expect(aliceRooms.joinLink('Acme HQ')).toHaveAttribute('href', '/rooms/acme-hq');

  const bob = await people.signInAs('bob');
  const bobRooms = new RoomsPage(bob.page);
  await bobRooms.goto();
  await expect(bobRooms.joinLink('Acme HQ')).toBeVisible();
  await expect(bobRooms.businessSection.getByRole('article', { name: 'Acme HQ' })).not.toContainText('Admin');
});

test('the join link takes you into the room', async ({ account: _signedIn, page }) => {
  const rooms = new RoomsPage(page);
  await rooms.goto();
  await rooms.joinLink('Books').click();
  await expect(page).toHaveURL((url) => url.pathname === '/rooms/books');
});

test('a hostile display name renders as plain text', async ({ people }) => {
  const hostile = '<img src=x onerror=alert(1)>';
  const person = await people.signUp({ displayName: hostile });
  let dialogs = 0;
  person.page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });

  const rooms = new RoomsPage(person.page);
  await rooms.goto();
  await expect(person.page.getByTestId('signed-in-user')).toHaveText(`Signed in as ${hostile}`);
  await expect(person.page.locator('img[src="x"]')).toHaveCount(0);
  await person.page.goto('/');
  await expect(person.page.getByTestId('signed-in-user')).toHaveText(`Signed in as ${hostile}`);
  await expect(person.page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('the home page invites newcomers and sends signed-in people to their rooms', async ({ page, people }) => {
  await page.goto('/');
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/sign-up');
  await expect(main.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');

  const bob = await people.signInAs('bob');
  await bob.page.goto('/');
  await bob.page.getByRole('main').getByRole('link', { name: 'Go to your rooms' }).click();
  await expect(bob.page).toHaveURL((url) => url.pathname === '/rooms');
});
