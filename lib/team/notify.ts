import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';

/** Tells a room's open pages about a membership change; a realtime outage does not undo the saved change. */
export async function notifyRoom(channel: string, event: string, payload: unknown): Promise<void> {
  try {
    await getPusher().trigger(channel, event, payload);
  } catch (error) {
    console.error(`[team] ${event} saved, but not broadcast on ${channel}: ${describePusherError(error)}`);
  }
}
