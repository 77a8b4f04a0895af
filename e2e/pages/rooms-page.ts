import type { Page } from '@playwright/test';

/** The rooms list, by what people see on it. */
export class RoomsPage {
  constructor(readonly page: Page) {}

  goto() {
    return this.page.goto('/rooms');
  }

  get hobbySection() {
    return this.page.getByRole('region', { name: 'Hobby rooms' });
  }

  get businessSection() {
    return this.page.getByRole('region', { name: 'Business rooms' });
  }

  /** A room's card, found by its name. */
  card(name: string) {
    return this.page.getByRole('article', { name });
  }

  joinLink(name: string) {
    return this.page.getByRole('link', { name: `Join ${name}` });
  }
}
