import { test as base, type Browser } from '@playwright/test';
import { createHobbyRoom, enterRoom, type EnterOptions, type Person } from './room-page';

/** Several people, each in their own browser context; everyone still around leaves when the test ends. */
export class Crowd {
  private readonly people: Person[] = [];

  constructor(private readonly browser: Browser) {}

  async enter(slug: string, options: EnterOptions = {}): Promise<Person> {
    const person = await enterRoom(this.browser, slug, options);
    this.people.push(person);
    return person;
  }

  /**
   * The first person into a hobby room of this test's own, which they create: no other test's people (still
   * within someone's leave grace, or not yet dropped by the realtime server) are ever counted in it.
   */
  async enterNewRoom(label: string, options: EnterOptions = {}): Promise<{ slug: string; name: string; person: Person }> {
    let created: { slug: string; name: string } | undefined;
    const person = await enterRoom(this.browser, async (page) => (created = await createHobbyRoom(page, label)).slug, options);
    this.people.push(person);
    return { ...created!, person };
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
