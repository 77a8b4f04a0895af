import { expect, test } from './pages/crowd';
import { signUp } from './support/accounts';
import { rawClientFor } from './support/raw-pusher-client';
import { REALTIME_HOST, runRealtimePort } from './support/realtime-server';
import { runCredentials } from './support/web-servers';

/**
 * A leaving word is an input to the member lifetime (lib/presence/departures/member-lifetime.ts), never a removal
 * by itself: only the server's member_removed (or its fresh list without them) makes it a departure. Otherwise
 * anyone could vanish from the others' lists while staying subscribed and receiving everything (issue 17 item 10).
 */
test.describe('a leaving word without leaving', () => {
  test('a member who says client-going-offline but stays subscribed stays in everyone’s list', async ({ crowd, browser, baseURL }) => {
    const { slug, person: ann } = await crowd.enterNewRoom('Forged goodbye');
    const roomChannel = `presence-hobby-${slug}`;
    const catContext = await browser.newContext();
    const cat = await signUp(await catContext.newPage());
    const raw = await rawClientFor(catContext, { baseURL: baseURL!, key: runCredentials().key, host: REALTIME_HOST, port: runRealtimePort() });
    try {
      await raw.subscribe(roomChannel);
      await ann.room.expectPresent([ann.displayName, cat.displayName]);
      const channel = raw.pusher.channel(roomChannel);
      channel.trigger('client-going-offline', {});
      channel.trigger('client-leaving-room', {});
      // A later marker through the same path (a client event on the same channel, from the same socket): once
      // Ann shows it, both words have reached her page before it.
      channel.trigger('client-status-update', { status: 'still here', statusUpdatedAt: new Date().toISOString() });
      await expect(ann.room.row(cat.displayName)).toContainText('still here');
      await ann.room.expectPresent([ann.displayName, cat.displayName]);
    } finally {
      raw.close();
      await catContext.close();
    }
  });
});
