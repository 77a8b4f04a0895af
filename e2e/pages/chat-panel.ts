import { expect, type Locator, type Page } from '@playwright/test';

/** The chat of a room page, by what people see in it. */
export class ChatPanel {
  readonly region: Locator;
  readonly log: Locator;
  readonly messages: Locator;
  readonly composer: Locator;
  readonly sendButton: Locator;
  readonly composerError: Locator;
  readonly counter: Locator;
  readonly typing: Locator;
  readonly newMessagesPill: Locator;
  readonly loadOlderButton: Locator;
  readonly beginning: Locator;
  readonly scroller: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Chat' });
    this.log = this.region.getByRole('log', { name: 'Messages' });
    this.messages = this.log.getByTestId('message');
    this.composer = this.region.getByRole('textbox', { name: 'Message' });
    this.sendButton = this.region.getByRole('button', { name: 'Send', exact: true });
    this.composerError = this.region.getByRole('form', { name: 'Send a message' }).getByRole('alert');
    this.counter = this.region.getByText(/^Characters used: [\d,]+\/2,000$/);
    this.typing = this.region.getByRole('status', { name: 'Typing' });
    this.newMessagesPill = this.region.getByRole('button', { name: /New messages/ });
    this.loadOlderButton = this.region.getByRole('button', { name: /older messages/ });
    this.beginning = this.region.getByText('This is the beginning of the room.');
    this.scroller = this.region.getByTestId('message-scroller');
  }

  /** The message whose text is exactly `text`. */
  message(text: string): Locator {
    return this.messages.filter({ has: this.page.getByTestId('message-body').getByText(text, { exact: true }) });
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press('Enter');
  }

  /** Sends and waits until the server has confirmed it. */
  async sendConfirmed(text: string): Promise<void> {
    await this.send(text);
    await expect(this.message(text)).toHaveAttribute('data-state', 'sent');
  }

  /** The control that starts deleting a message (shown to its author and to business-room admins). */
  deleteButton(text: string): Locator {
    return this.message(text).getByRole('button', { name: 'Delete message' });
  }

  async delete(text: string): Promise<void> {
    const row = this.message(text);
    await this.deleteButton(text).click();
    await row.getByRole('button', { name: 'Confirm delete' }).click();
  }

  async scrollToTop(): Promise<void> {
    await this.scroller.evaluate((element) => element.scrollTo({ top: 0 }));
  }

  /** Whether the newest message is scrolled into view at the bottom. */
  async isAtBottom(): Promise<boolean> {
    return this.scroller.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight < 48);
  }

  /** Every message text, oldest first. */
  bodies(): Promise<string[]> {
    return this.log.getByTestId('message-body').allTextContents();
  }
}
