import { z } from 'zod';
import { socketIdSchema } from '@/lib/pusher/schemas';
import { MAX_CURSOR_LENGTH } from './cursor';
import { EMPTY_MESSAGE, MESSAGE_BODY_MAX_LENGTH, TOO_LONG_MESSAGE } from './limits';

/** Newlines and tabs are text; other control characters are not (PostgreSQL refuses NUL outright). */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;


/** A message's text as stored: surrounding whitespace trimmed, never empty, at most 2,000 characters. */
export const messageBodySchema = z
  .string()
  .transform((text) => text.trim())
  .pipe(
    z
      .string()
      .min(1, EMPTY_MESSAGE)
      .max(MESSAGE_BODY_MAX_LENGTH, TOO_LONG_MESSAGE)
      .refine((text) => !CONTROL_CHARACTERS.test(text), 'Messages cannot contain control characters.'),
  );

/** Body of `POST /api/rooms/{slug}/messages`. `socketId` (the sender's connection) is left out of the broadcast. */
export const sendMessageRequestSchema = z.object({
  body: messageBodySchema,
  clientId: z.uuid('clientId must be a uuid'),
  socketId: socketIdSchema.optional(),
});

/** Query of `GET /api/rooms/{slug}/messages`. */
export const messageHistoryQuerySchema = z.object({
  before: z.string().max(MAX_CURSOR_LENGTH, 'too long').optional(),
});
