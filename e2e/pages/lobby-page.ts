import { expect, type Locator, type Page } from '@playwright/test';
import { RoomsPage } from './rooms-page';

/** The rooms page as a lobby: who is in each room right now, live. */
export class LobbyPage extends RoomsPage {
  constructor(page: Page) {
    super(page);
  }

  /** Live once the page's realtime client has connected (it follows the lobby channels from then on). */
  async open(): Promise<void> {
    await this.goto();
    await expect(this.occupancy('Gaming')).toBeVisible();
  }

  occupancy(roomName: string): Locator {
    return this.card(roomName).getByTestId('room-occupancy');
  }

  count(roomName: string): Locator {
    return this.occupancy(roomName).getByTestId('occupancy-count');
  }

  /** A face in the room's avatar stack, by display name. */
  occupant(roomName: string, displayName: string): Locator {
    return this.card(roomName)
      .getByRole('list', { name: `Who's in ${roomName}` })
      .getByRole('listitem')
      .filter({ hasText: displayName });
  }
}
