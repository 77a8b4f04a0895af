import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { ChatPanel } from './pages/chat-panel';
import { expect, test } from './pages/crowd';

const MAX = 2_000;
const unique = (label: string) => `${label} ${randomBytes(4).toString('hex')}`;

function postMessage(request: APIRequestContext, slug: string, body: string) {
  return request.post(`/api/rooms/${slug}/messages`, { data: { body, clientId: crypto.randomUUID() } });
}

test.describe('chat', () => {
  test('two people chat live in a hobby room, and the history survives a reload', async ({ crowd }) => {
    const ann = await crowd.enter('gaming');
    const ben = await crowd.enter('gaming');
    const annChat = new ChatPanel(ann.page);
    const benChat = new ChatPanel(ben.page);

    const hello = unique('hello from Ann');
    await annChat.send(hello);
    await expect(annChat.message(hello)).toHaveAttribute('data-state', 'sent');
    await expect(benChat.message(hello)).toHaveCount(1);
    await expect(benChat.message(hello)).toContainText(ann.displayName);

    const reply = unique('hi Ann,\nfrom Ben');
    await benChat.composer.fill('hi Ann,');
    await benChat.composer.press('Shift+Enter');
    await benChat.composer.pressSequentially(reply.slice('hi Ann,\n'.length));
    await expect(benChat.composer).toHaveValue(reply);
    await benChat.composer.press('Enter');
    await expect(benChat.composer).toHaveValue('');
    await expect(annChat.message(reply)).toHaveCount(1);

    await ann.page.reload();
    await expect(annChat.message(hello)).toHaveCount(1);
    await expect(annChat.message(reply)).toHaveCount(1);
    const bodies = await annChat.bodies();
    expect(bodies.indexOf(hello)).toBeLessThan(bodies.indexOf(reply));
    await expect(annChat.message(hello).locator('time')).toHaveAttribute('title', /\d/);
    await expect(annChat.message(hello).locator('time')).toHaveText('just now');
  });

  test('an empty and a 2,001-character message are refused with a clear message, in the page and by the API', async ({ crowd }) => {
    const ann = await crowd.enter('music');
    const chat = new ChatPanel(ann.page);

    await chat.composer.press('Enter');
    await expect(chat.composerError).toHaveText('Type a message first.');
    await chat.send('   \n  ');
    await expect(chat.composerError).toHaveText('Type a message first.');

    const tooLong = 'x'.repeat(MAX + 1);
    await chat.composer.fill(tooLong);
    await expect(chat.counter).toBeAttached();
    await expect(chat.region).toContainText('2,001/2,000');
    await chat.sendButton.click();
    await expect(chat.composerError).toHaveText('Messages can be at most 2,000 characters. This one has 2,001.');
    await expect(chat.composer).toHaveValue(tooLong);
    await expect(chat.message(tooLong)).toHaveCount(0);

    const longest = 'y'.repeat(MAX);
    await chat.composer.fill(longest);
    await chat.composer.press('Enter');
    await expect(chat.message(longest)).toHaveAttribute('data-state', 'sent');

    const refused = await postMessage(ann.page.request, 'music', tooLong);
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error).toEqual({ code: 'bad_request', message: 'body: Messages can be at most 2,000 characters.' });
    expect((await postMessage(ann.page.request, 'music', ' ')).status()).toBe(400);
    expect((await postMessage(ann.page.request, 'music', 'é'.repeat(5_000))).status()).toBe(413);
    expect((await postMessage(ann.page.request, 'no-such-room', 'hi')).status()).toBe(404);
    expect((await postMessage(ann.page.request, 'acme-hq', 'hi')).status()).toBe(403);
    const anonymous = await ann.page.request.post('/api/rooms/music/messages', {
      data: { body: 'hi', clientId: crypto.randomUUID() },
      headers: { cookie: '' },
    });
    expect(anonymous.status()).toBe(401);
  });

  test('HTML and script in a message render as text', async ({ crowd }) => {
    const mallory = await crowd.enter('books');
    const victim = await crowd.enter('books');
    const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>${unique('bold')}</b>`;
    await new ChatPanel(mallory.page).send(hostile);

    const victimChat = new ChatPanel(victim.page);
    await expect(victimChat.message(hostile)).toHaveCount(1);
    await expect(victimChat.log.locator('img, script, b')).toHaveCount(0);
    await victim.page.reload();
    await expect(victimChat.message(hostile)).toHaveCount(1);
    await expect(victimChat.log.locator('img, script, b')).toHaveCount(0);
    for (const page of [victim.page, mallory.page]) {
      expect(await page.evaluate(() => (window as Window & { __pwned?: unknown }).__pwned)).toBeUndefined();
    }
  });

  test('scrolling up loads older messages without duplicates, and new ones wait behind a pill', async ({ crowd }) => {
    const slug = 'books';
    const tag = randomBytes(3).toString('hex');
    // 57 messages, more than one page (50), from three people, each one short of the send limit (20 per 10 s).
    const senders = [await crowd.enter(slug), await crowd.enter(slug), await crowd.enter(slug)];
    const sent: string[] = [];
    for (const [index, sender] of senders.entries()) {
      for (let n = 0; n < 19; n += 1) {
        const body = `history ${tag} #${String(index * 19 + n).padStart(2, '0')}`;
        expect((await postMessage(sender.page.request, slug, body)).status()).toBe(201);
        sent.push(body);
      }
    }

    const reader = await crowd.enter(slug);
    const chat = new ChatPanel(reader.page);
    await expect(chat.message(sent.at(-1)!)).toBeVisible();
    await expect(chat.messages).toHaveCount(50);
    expect(await chat.isAtBottom()).toBe(true);

    // A live message while the first page is shown, then older pages on top of it.
    const live = `history ${tag} live`;
    await new ChatPanel(senders[0]!.page).sendConfirmed(live);
    await expect(chat.message(live)).toHaveCount(1);
    await expect.poll(() => chat.isAtBottom()).toBe(true);

    await expect(async () => {
      await chat.scrollToTop();
      await expect(chat.message(sent[0]!)).toBeAttached({ timeout: 1_000 });
    }).toPass();
    const ours = (await chat.bodies()).filter((body) => body.startsWith(`history ${tag}`));
    expect(ours).toEqual([...sent, live]);

    // Scrolled up, a new message does not move the view; the pill brings it into view.
    await chat.scrollToTop();
    const later = `history ${tag} later`;
    await new ChatPanel(senders[1]!.page).sendConfirmed(later);
    await expect(chat.newMessagesPill).toBeVisible();
    expect(await chat.isAtBottom()).toBe(false);
    await chat.newMessagesPill.click();
    await expect(chat.newMessagesPill).toBeHidden();
    await expect(chat.message(later)).toBeInViewport();
    await expect(chat.message(later)).toHaveCount(1);
  });

  test('the typing indicator appears while someone types and goes away by itself', async ({ crowd }) => {
    const ann = await crowd.enter('gaming');
    const ben = await crowd.enter('gaming');
    const annChat = new ChatPanel(ann.page);
    const benChat = new ChatPanel(ben.page);

    await annChat.composer.pressSequentially('thinking');
    await expect(benChat.typing).toHaveText(`${ann.displayName} is typing…`);
    await expect(annChat.typing).toHaveText('');
    // Nothing more typed: it expires on its own.
    await expect(benChat.typing).toHaveText('', { timeout: 15_000 });

    await annChat.composer.pressSequentially(' again');
    await expect(benChat.typing).toHaveText(`${ann.displayName} is typing…`);
    await annChat.composer.press('Enter');
    // Their message arriving ends it at once.
    await expect(benChat.message('thinking again')).toHaveCount(1);
    await expect(benChat.typing).toHaveText('');
  });

  test('an author deletes their message and everyone sees it go; others cannot delete it', async ({ crowd }) => {
    const ann = await crowd.enter('music');
    const ben = await crowd.enter('music');
    const annChat = new ChatPanel(ann.page);
    const benChat = new ChatPanel(ben.page);
    const text = unique('soon gone');
    await annChat.sendConfirmed(text);
    await expect(benChat.message(text)).toHaveCount(1);
    await expect(benChat.message(text).getByRole('button', { name: 'Delete message' })).toHaveCount(0);

    const id = await ann.page.request
      .get('/api/rooms/music/messages')
      .then(async (response) => ((await response.json()) as { messages: { id: string; body: string }[] }).messages.find((m) => m.body === text)?.id);
    expect(id).toBeTruthy();
    expect((await ben.page.request.delete(`/api/rooms/music/messages/${id}`)).status()).toBe(403);

    await annChat.delete(text);
    await expect(annChat.message(text)).toHaveCount(0);
    await expect(benChat.message(text)).toHaveCount(0);
    await ben.page.reload();
    await expect(benChat.log).toBeVisible();
    await expect(benChat.message(text)).toHaveCount(0);
  });

  test('a message that fails to send can be retried and arrives once', async ({ crowd }) => {
    const ann = await crowd.enter('gaming');
    const ben = await crowd.enter('gaming');
    const annChat = new ChatPanel(ann.page);
    const text = unique('second try');

    // The network drops the first attempt.
    await ann.page.route('**/api/rooms/gaming/messages', (route) => route.abort('internetdisconnected'), { times: 1 });
    await annChat.send(text);
    await expect(annChat.message(text)).toHaveAttribute('data-state', 'failed');
    await annChat.message(text).getByRole('button', { name: 'Retry' }).click();
    await expect(annChat.message(text)).toHaveAttribute('data-state', 'sent');
    await expect(new ChatPanel(ben.page).message(text)).toHaveCount(1);
    await expect(annChat.message(text)).toHaveCount(1);
  });
});
