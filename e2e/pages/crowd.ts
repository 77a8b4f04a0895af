import { test as base, type Browser, type BrowserContextOptions } from '@playwright/test';
import type { Account } from '../support/accounts';
import { enterRoom, type Person } from './room-page';

/** Several people, each in their own browser context; everyone still around leaves when the test ends. */
export class Crowd {
  private readonly people: Person[] = [];

  constructor(private readonly browser: Browser) {}

  async enter(slug: string, options: { account?: Account; displayName?: string; context?: BrowserContextOptions } = {}): Promise<Person> {
    const person = await enterRoom(this.browser, slug, options);
    this.people.push(person);
    return person;
  }

  async leaveAll(): Promise<void> {
    await Promise.all(this.people.map((person) => person.context.close()));
  }
}

export const test = base.extend<{ crowd: Crowd }>({
  crowd: async ({ browser }, provide) => {
    const crowd = new Crowd(browser);
    await provide(crowd);
    await crowd.leaveAll();
  },
});

export { expect } from '@playwright/test';
