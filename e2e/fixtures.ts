import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, signIn, signUp, type Account, type DemoName, type SignUpOptions } from './support/accounts';

/** One person at their own browser (a separate context: own cookies, own realtime connection). */
export type Person = { context: BrowserContext; page: Page; account: Account };

export type People = {
  /** A brand-new account, signed up in a fresh browser context. */
  signUp: (options?: SignUpOptions) => Promise<Person>;
  /** A seeded demo account (alice, bob, carol), signed in in a fresh browser context. */
  signInAs: (name: DemoName, callbackUrl?: string) => Promise<Person>;
  /** Another tab for someone already signed in (same context, so the same session). */
  openTab: (person: Person) => Promise<Page>;
};

type Fixtures = {
  /** Several people at once; every context opened here is closed after the test. */
  people: People;
  /** The default `page`, signed in as a brand-new account. */
  account: Account;
};

export const test = base.extend<Fixtures>({
  people: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    const open = async () => {
      const context = await browser.newContext();
      contexts.push(context);
      return { context, page: await context.newPage() };
    };
    await provide({
      signUp: async (options) => {
        const { context, page } = await open();
        return { context, page, account: await signUp(page, options) };
      },
      signInAs: async (name, callbackUrl) => {
        const { context, page } = await open();
        const account = DEMO_ACCOUNTS[name];
        await signIn(page, account.username, account.password, callbackUrl);
        return { context, page, account };
      },
      openTab: (person) => person.context.newPage(),
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
  account: async ({ page }, provide) => {
    await provide(await signUp(page));
  },
});

export { expect } from '@playwright/test';
