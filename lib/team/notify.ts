import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';

/** Tells a room's open pages about a membership change; a realtime outage does not undo the saved change. */
/** `channels`: the room's presence and onlooker channels (see roomEventChannels). */
export async function notifyRoom(channels: string[], event: string, payload: unknown): Promise<void> {
  try {
    await getPusher().trigger(channels, event, payload);
  } catch (error) {
    console.error(`[team] ${event} saved, but not broadcast on ${channels.join(', ')}: ${describePusherError(error)}`);
  }
}
