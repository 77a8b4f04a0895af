import { z } from 'zod';
import { MESSAGE_BODY_MAX_LENGTH } from './limits';

/** What the browser accepts from the API and from channel events: anything else is ignored, never trusted. */
export const chatMessageSchema = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  body: z.string().max(MESSAGE_BODY_MAX_LENGTH),
  createdAt: z.iso.datetime(),
  author: z.object({ id: z.string(), name: z.string(), color: z.string() }),
});

export const messagePageSchema = z.object({ messages: z.array(chatMessageSchema), nextCursor: z.string().nullable() });
export const messageDeletedSchema = z.object({ id: z.uuid() });
