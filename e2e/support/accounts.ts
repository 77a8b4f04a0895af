import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

/** Someone who can sign in. */
export type Account = { username: string; password: string; displayName: string };

/** The seeded demo people (lib/db/seed-data.ts); every fresh e2e database has them. */
export const DEMO_PASSWORD = 'presently-demo';
export const DEMO_ACCOUNTS = {
  alice: { username: 'alice', password: DEMO_PASSWORD, displayName: 'Alice Anders' },
  bob: { username: 'bob', password: DEMO_PASSWORD, displayName: 'Bob Brown' },
  carol: { username: 'carol', password: DEMO_PASSWORD, displayName: 'Carol Chen' },
} as const satisfies Record<string, Account>;
export type DemoName = keyof typeof DEMO_ACCOUNTS;

const RANDOM_SUFFIX_BYTES = 4;

/** A username no other test uses: `prefix-xxxxxxxx` (within the 32-character limit). */
export function uniqueUsername(prefix = 'user'): string {
  return `${prefix.slice(0, 20)}-${randomBytes(RANDOM_SUFFIX_BYTES).toString('hex')}`;
}

export type SignUpOptions = Partial<Account> & {
  /** Where to go after signing up (a same-site path); defaults to the rooms page. */
  callbackUrl?: string;
  /** Set false to submit without waiting to leave the form (e.g. to check a validation error). */
  expectSuccess?: boolean;
};

/** The sign-up page, by what people see on it. */
export class SignUpPage {
  constructor(readonly page: Page) {}

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-up');
  }

  async submit({ username, displayName, password }: Account) {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Display name').fill(displayName);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Create account' }).click();
  }
}

/** The sign-in page, by what people see on it. */
export class SignInPage {
  constructor(readonly page: Page) {}

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-in');
  }

  async submit(username: string, password: string) {
    const form = this.page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Sign in' }).click();
  }

  get error() {
    return this.page.getByRole('alert').filter({ hasText: /./ });
  }
}

/** Signs up a new, unique person in `page` and leaves them signed in on the rooms page (or `callbackUrl`). */
export async function signUp(page: Page, options: SignUpOptions = {}): Promise<Account> {
  const account: Account = {
    username: options.username ?? uniqueUsername(),
    displayName: options.displayName ?? `Tester ${randomBytes(2).toString('hex')}`,
    password: options.password ?? `pw-${randomBytes(8).toString('hex')}`,
  };
  const signUpPage = new SignUpPage(page);
  await signUpPage.goto(options.callbackUrl);
  await signUpPage.submit(account);
  if (options.expectSuccess !== false) {
    await expect(page).toHaveURL((url) => url.pathname === (options.callbackUrl ?? '/rooms'));
  }
  return account;
}

/** Signs in through the form and waits until the app has taken the person onwards. */
export async function signIn(page: Page, username: string, password: string, callbackUrl?: string): Promise<void> {
  const signInPage = new SignInPage(page);
  await signInPage.goto(callbackUrl);
  await signInPage.submit(username, password);
  await expect(page).toHaveURL((url) => url.pathname === (callbackUrl ?? '/rooms'));
}

/** Signs out with the header's button and waits for the home page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
}
