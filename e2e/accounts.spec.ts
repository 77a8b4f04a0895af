import { expect, test } from './fixtures';
import { DEMO_ACCOUNTS, SignInPage, SignUpPage, signIn, signOut, signUp, uniqueUsername } from './support/accounts';

const GENERIC_FAILURE = 'Wrong username or password.';

test('sign up, sign out and sign in again', async ({ page }) => {
  const account = await signUp(page);
  const header = page.getByRole('banner');
  await expect(header.getByTestId('signed-in-user')).toHaveText(`Signed in as ${account.displayName}`);

  await signOut(page);
  await page.goto('/rooms');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in');

  await signIn(page, account.username, account.password);
  await expect(header.getByTestId('signed-in-user')).toContainText(account.displayName);
});

test('a wrong password and an unknown user get the same generic message', async ({ page, people }) => {
  const { account } = await people.signUp();
  const signInPage = new SignInPage(page);

  await signInPage.goto();
  await signInPage.submit(account.username, 'definitely-wrong');
  await expect(signInPage.error).toHaveText(GENERIC_FAILURE);
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in');
  // The username stays filled in; the password never comes back from the server.
  await expect(page.getByLabel('Username')).toHaveValue(account.username);
  await expect(page.getByLabel('Password')).toHaveValue('');

  await signInPage.submit(uniqueUsername('nobody'), 'definitely-wrong');
  await expect(signInPage.error).toHaveText(GENERIC_FAILURE);
});

test('usernames are unique', async ({ page, people }) => {
  const { account } = await people.signUp();
  await signUp(page, { username: account.username, expectSuccess: false });
  await expect(page.getByText('That username is taken.')).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-up');
});

test('sign-up explains what a valid username, name and password look like', async ({ page }) => {
  const signUpPage = new SignUpPage(page);
  await signUpPage.goto();
  await signUpPage.submit({ username: 'no spaces!', displayName: '   ', password: 'short' });
  await expect(page.getByText('Use only lowercase letters, digits, - and _.')).toBeVisible();
  await expect(page.getByText('Tell people what to call you.')).toBeVisible();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();

  await signUpPage.submit({ username: 'ab', displayName: 'Ab', password: 'long-enough-password' });
  await expect(page.getByText('Use at least 3 characters.')).toBeVisible();
  await signUpPage.submit({ username: 'a'.repeat(33), displayName: 'Ab', password: 'long-enough-password' });
  await expect(page.getByText('Use at most 32 characters.')).toBeVisible();
  await expect(page).toHaveURL((url) => url.pathname === '/sign-up');
});

test('a page that needs a user sends you to sign in and back', async ({ page }) => {
  await page.goto('/rooms/gaming');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('callbackUrl') === '/rooms/gaming');
  const { carol } = DEMO_ACCOUNTS;
  await new SignInPage(page).submit(carol.username, carol.password);
  await expect(page).toHaveURL((url) => url.pathname === '/rooms/gaming');
});

test('sign-in never redirects to another site', async ({ page }) => {
  const { bob } = DEMO_ACCOUNTS;
  await page.goto('/sign-in?callbackUrl=%2F%2Fevil.example%2Fphish');
  await new SignInPage(page).submit(bob.username, bob.password);
  await expect(page).toHaveURL((url) => url.origin !== 'http://evil.example' && url.pathname === '/rooms');
});

test('repeated failures for one username are slowed down', async ({ page }) => {
  const account = await signUp(page);
  await signOut(page);
  const signInPage = new SignInPage(page);
  await signInPage.goto();
  const allowedFailures = 5;
  for (let attempt = 0; attempt < allowedFailures; attempt += 1) {
    await signInPage.submit(account.username, `wrong-${attempt}`);
    await expect(signInPage.error).toHaveText(GENERIC_FAILURE);
    // The same text again would not prove a new answer arrived; wait for the form to be ready again.
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  }
  // Now even the right password is refused until the window passes.
  await signInPage.submit(account.username, account.password);
  await expect(signInPage.error).toHaveText(/Too many failed attempts\. Try again in \d+ minutes?\./);
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in');
});
