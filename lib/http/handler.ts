import { errorAnswer } from './error-answer';

const NO_STORE = { 'Cache-Control': 'no-store' };

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/**
 * The shell of every route handler: the handler validates its input, calls `requireApiUser()`, checks access,
 * and throws an `ApiError` for any refusal; this turns refusals into typed JSON and anything else into a logged 500.
 */
export function apiRoute<Context>(
  handler: (request: Request, context: Context) => Promise<Response>,
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      const answer = errorAnswer(error, `${request.method} ${new URL(request.url).pathname}`);
      return jsonResponse(answer.body, answer.status, answer.headers);
    }
  };
}
