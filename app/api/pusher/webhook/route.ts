import { getConfig } from '@/lib/config';
import { recordLastSeen } from '@/lib/db/queries/presence';
import { getWebhookRooms } from '@/lib/db/queries/webhook-rooms';
import { readLimitedText } from '@/lib/http/body';
import { BadRequestError, UnauthorizedError } from '@/lib/http/errors';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { publishRoomOccupancy } from '@/lib/lobby/occupancy';
import { occupancyChanges, webhookBodySchema } from '@/lib/lobby/webhook-events';
import { describePusherError } from '@/lib/pusher/describe-error';
import { admitWebhookBatch } from '@/lib/pusher/webhook/replay-guard';
import { isSignedWebhook } from '@/lib/pusher/webhook/verify-signature';
import { mirrorReadRequests, mirrorToOnlookers } from '@/lib/presence/appear-offline/mirror';
import { mirrorItemsByRoom } from '@/lib/presence/appear-offline/mirror-events';

/** A batch holds at most 100 events of a few hundred bytes each; this leaves ample room. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

function parseBody(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new BadRequestError('Not a Pusher webhook body.');
  }
}

/**
 * Pusher webhooks (from our realtime server, soketi or hosted Pusher): the key and the HMAC signature of the raw
 * body checked in constant time, then the batch's age and whether it was already received (a replay); refused
 * otherwise. Presence changes in room channels update last-seen times, push the room's current occupancy to its
 * lobby channel, and are mirrored onto the room's onlooker channel for anyone following it without being a
 * member (lib/presence/appear-offline/mirror.ts).
 */
export const POST = apiRoute(async (request) => {
  const rawBody = await readLimitedText(request, MAX_WEBHOOK_BYTES);
  const { key, secret } = getConfig().pusher;
  const signed = isSignedWebhook(
    rawBody,
    { contentType: request.headers.get('content-type'), key: request.headers.get('x-pusher-key'), signature: request.headers.get('x-pusher-signature') },
    { key, secret },
  );
  if (!signed) throw new UnauthorizedError('Webhook signature is not valid.');

  const body = webhookBodySchema.safeParse(parseBody(rawBody));
  if (!body.success) throw new BadRequestError('Not a Pusher webhook body.');
  const batch = await admitWebhookBatch(rawBody, body.data.time_ms);
  try {
    await handleBatch(body.data.events, body.data.time_ms);
  } catch (error) {
    // Not handled: the sender's retry of this very body must be taken as new.
    await batch.release().catch((releaseError: unknown) => console.error('[webhook] a failed batch stays marked as received', releaseError));
    throw error;
  }
  return jsonResponse({ ok: true });
});

async function handleBatch(events: readonly unknown[], timeMs: number): Promise<void> {
  const { rooms, leftUserIds } = occupancyChanges(events);
  const toMirror = mirrorItemsByRoom(events);

  await recordLastSeen(leftUserIds, new Date(timeMs));
  // One read for the whole batch: its rooms, and the joiners the onlooker mirror needs member info for.
  const webhookRooms = await getWebhookRooms([...rooms.map(({ slug }) => ({ slug, userIds: [] })), ...mirrorReadRequests(toMirror)]);
  const mirrored = mirrorToOnlookers(toMirror, timeMs, webhookRooms);
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
}
