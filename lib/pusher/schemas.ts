import { z } from 'zod';

/** pusher-js socket ids look like `123.456`; the `pusher` SDK refuses anything else too. */
const SOCKET_ID_PATTERN = /^\d+\.\d+$/;
const MAX_SOCKET_ID_LENGTH = 64;
/** Pusher's documented channel-name limit: 164 characters. */
export const MAX_CHANNEL_NAME_LENGTH = 164;

export const socketIdSchema = z
  .string()
  .max(MAX_SOCKET_ID_LENGTH, 'too long')
  .regex(SOCKET_ID_PATTERN, 'must look like 123.456');

/** Body of `POST /api/pusher/user-auth`. Anything else sent (a `user_id`, say) is ignored. */
export const userAuthRequestSchema = z.object({ socket_id: socketIdSchema });

/** Body of `POST /api/pusher/auth`. */
export const channelAuthRequestSchema = z.object({
  socket_id: socketIdSchema,
  channel_name: z.string().min(1).max(MAX_CHANNEL_NAME_LENGTH, 'too long'),
});
