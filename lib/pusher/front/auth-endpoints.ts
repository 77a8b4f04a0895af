import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookie } from 'next/dist/compiled/@edge-runtime/cookies/index.js';
import type { z } from 'zod';
import { findSessionCookie, userIdFromSessionToken } from '@/lib/auth/session-token';
import { assertFormOrJson, MAX_BODY_BYTES, mediaTypeOf, parseFormOrJson } from '@/lib/http/body';
import { errorAnswer } from '@/lib/http/error-answer';
import { UnauthorizedError } from '@/lib/http/errors';
import { readNodeBody } from '@/lib/http/node-body';
import { sendJson } from '@/lib/http/node-json';
import { authorizeChannelForUser } from '@/lib/pusher/channel-authorization';
import { channelAuthRequestSchema, userAuthRequestSchema } from '@/lib/pusher/schemas';
import { authenticateUserForSocket } from '@/lib/pusher/user-authentication';

type Endpoint<Schema extends z.ZodType> = {
  schema: Schema;
  answer: (body: z.output<Schema>, userId: string) => Promise<unknown>;
};

function endpoint<Schema extends z.ZodType>(schema: Schema, answer: Endpoint<Schema>['answer']): Endpoint<z.ZodType> {
  return { schema, answer } as Endpoint<z.ZodType>;
}

/**
 * The two endpoints pusher-js calls on every connection and subscription, with the same handling as their Next
 * routes (app/api/pusher/auth and user-auth): the same body validation, the same session cookie decoding, the
 * same authorization functions and the same typed errors, in the same order.
 */
const ENDPOINTS = new Map<string, Endpoint<z.ZodType>>([
  ['/api/pusher/auth', endpoint(channelAuthRequestSchema, (body, userId) => authorizeChannelForUser(body.socket_id, body.channel_name, userId))],
  ['/api/pusher/user-auth', endpoint(userAuthRequestSchema, (body, userId) => authenticateUserForSocket(body.socket_id, userId))],
]);

async function answer(request: IncomingMessage, endpoint: Endpoint<z.ZodType>, sessionUserId: () => Promise<string | null>): Promise<unknown> {
  const type = assertFormOrJson(mediaTypeOf(request.headers['content-type']));
  const body = parseFormOrJson(type, await readNodeBody(request, MAX_BODY_BYTES), endpoint.schema);
  const userId = await sessionUserId();
  if (!userId) throw new UnauthorizedError();
  return endpoint.answer(body, userId);
}

/**
 * Answers `POST /api/pusher/auth` and `/api/pusher/user-auth` in the Node front, without going through Next
 * (whose request handling alone costs more than the whole authorization). Returns false, touching nothing, for
 * any other request and for a session in a chunked cookie (only next-auth's `auth()` reads those): Next
 * handles those as before.
 */
export function serveAuthEndpoint(request: IncomingMessage, response: ServerResponse, ready: Promise<void>): boolean {
  if (request.method !== 'POST') return false;
  const url = request.url ?? '';
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const endpoint = ENDPOINTS.get(path);
  if (!endpoint) return false;
  const cookies = parseCookie(request.headers.cookie ?? '');
  const session = findSessionCookie((name) => cookies.get(name));
  if (session.kind === 'chunked') return false;

  const sessionUserId = async () => (session.kind === 'token' ? userIdFromSessionToken(session) : null);
  ready
    .then(() => answer(request, endpoint, sessionUserId))
    .then(
      (body) => sendJson(response, 200, body),
      (error: unknown) => {
        const refusal = errorAnswer(error, `${request.method} ${path}`);
        // A body refused half-way (413) is not read further: the connection closes after the answer.
        const closing: Record<string, string> = request.complete ? {} : { connection: 'close' };
        sendJson(response, refusal.status, refusal.body, { ...refusal.headers, ...closing });
      },
    )
    .catch((error: unknown) => console.error(`[api] ${request.method} ${path}: could not answer`, error));
  return true;
}
