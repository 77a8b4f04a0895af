import { z } from 'zod';
import type { ChatMessage, MessagePage } from './events';
import { chatMessageSchema, messagePageSchema } from './schemas-client';

/** A refused or failed chat request, with the server's own message when it sent one. */
export class ChatRequestError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
    this.name = 'ChatRequestError';
  }
}

const errorBodySchema = z.object({ error: z.object({ message: z.string() }) });

async function parseOrFail<T>(response: Response, schema: z.ZodType<T>, fallback: string): Promise<T> {
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(body);
    throw new ChatRequestError(parsed.success ? parsed.data.error.message : fallback, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ChatRequestError(fallback, response.status);
  return parsed.data;
}

function messagesUrl(slug: string): string {
  return `/api/rooms/${encodeURIComponent(slug)}/messages`;
}

export async function postMessage(slug: string, input: { body: string; clientId: string; socketId?: string }): Promise<ChatMessage> {
  const response = await fetch(messagesUrl(slug), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const { message } = await parseOrFail(response, z.object({ message: chatMessageSchema }), 'Could not send the message.');
  return message;
}

export async function fetchMessages(slug: string, before?: string): Promise<MessagePage> {
  const query = before ? `?${new URLSearchParams({ before })}` : '';
  const response = await fetch(`${messagesUrl(slug)}${query}`, { cache: 'no-store' });
  return parseOrFail(response, messagePageSchema, 'Could not load messages.');
}

const HTTP_FORBIDDEN = 403;

/** Shown when the server refuses a delete: the button can be stale for a moment after a demotion. */
export const DELETE_FORBIDDEN_MESSAGE = 'Not deleted: only its author or a room admin may delete this message.';

export async function deleteMessageRequest(slug: string, id: string): Promise<void> {
  const response = await fetch(`${messagesUrl(slug)}/${encodeURIComponent(id)}`, { method: 'DELETE' });
  if (response.status === HTTP_FORBIDDEN) throw new ChatRequestError(DELETE_FORBIDDEN_MESSAGE, response.status);
  await parseOrFail(response, z.object({ id: z.string() }), 'Could not delete the message.');
}

/** A v4 uuid; `crypto.randomUUID` exists only in secure contexts, so plain-HTTP LAN use falls back to this. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
