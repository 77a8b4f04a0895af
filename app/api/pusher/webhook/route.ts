import { recordLastSeen } from '@/lib/db/queries/presence';
import { getWebhookRooms } from '@/lib/db/queries/webhook-rooms';
import { readLimitedText } from '@/lib/http/body';
import { BadRequestError, UnauthorizedError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { publishRoomOccupancy } from '@/lib/lobby/occupancy';
import { occupancyChanges, webhookBodySchema } from '@/lib/lobby/webhook-events';
import { describePusherError } from '@/lib/pusher/describe-error';
import { getPusher } from '@/lib/pusher/server';
import { mirrorReadRequests, mirrorToWatchers } from '@/lib/presence/appear-offline/mirror';
import { mirrorItemsByRoom } from '@/lib/presence/appear-offline/mirror-events';

/** A batch holds at most 100 events of a few hundred bytes each; this leaves ample room. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

/**
 * Pusher webhooks (from our realtime server, soketi or hosted Pusher): verified with the official SDK
 * (key and HMAC signature of the raw body) and refused otherwise. Presence changes in room channels update
 * last-seen times, push the room's current occupancy to its lobby channel, and are mirrored onto the room's
 * watch channel for anyone following it without being a member (lib/presence/appear-offline/mirror.ts).
 */
export const POST = apiRoute(async (request) => {
  const rawBody = await readLimitedText(request, MAX_WEBHOOK_BYTES);
  const headers = {
    'content-type': request.headers.get('content-type') ?? '',
    'x-pusher-key': request.headers.get('x-pusher-key') ?? '',
    'x-pusher-signature': request.headers.get('x-pusher-signature') ?? '',
  };
  const webhook = getPusher().webhook({ headers, rawBody });
  if (!webhook.isValid()) throw new UnauthorizedError('Webhook signature is not valid.');

  const body = webhookBodySchema.safeParse(webhook.getData());
  if (!body.success) throw new BadRequestError('Not a Pusher webhook body.');
  const { rooms, leftUserIds } = occupancyChanges(body.data.events);

  const toMirror = mirrorItemsByRoom(body.data.events);

  await recordLastSeen(leftUserIds, new Date(body.data.time_ms));
  // One read for the whole batch: its rooms, and the joiners the watch mirror needs member info for.
  const webhookRooms = await getWebhookRooms([...rooms.map(({ slug }) => ({ slug, userIds: [] })), ...mirrorReadRequests(toMirror)]);
  const mirrored = mirrorToWatchers(toMirror, body.data.time_ms, webhookRooms);
  await Promise.all(
    rooms.map(async ({ slug, kind }) => {
      const room = webhookRooms.get(slug)?.room;
      if (!room || room.kind !== kind) return;
      try {
        await publishRoomOccupancy(room);
      } catch (error) {
        console.error(`[lobby] could not publish occupancy of ${slug}: ${describePusherError(error)}`);
      }
    }),
  );
  await mirrored;
  return jsonResponse({ ok: true });
});
