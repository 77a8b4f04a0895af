import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';

/** What pusher-js's ajax transport sends, as a form; `extra` lets a test add forged fields. */
export function channelAuthRequest(
  request: APIRequestContext,
  channel: string,
  options: { socketId?: string; extra?: Record<string, string> } = {},
): Promise<APIResponse> {
  return request.post('/api/pusher/auth', {
    form: { socket_id: options.socketId ?? '1234.5678', channel_name: channel, ...options.extra },
  });
}

export function userAuthRequest(
  request: APIRequestContext,
  options: { socketId?: string; extra?: Record<string, string> } = {},
): Promise<APIResponse> {
  return request.post('/api/pusher/user-auth', { form: { socket_id: options.socketId ?? '1234.5678', ...options.extra } });
}

/** Asserts a typed API error and returns its message. */
export async function expectApiError(response: APIResponse, status: number, code: string): Promise<string> {
  expect(response.status(), await response.text()).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  return body.error.message;
}

export type ChannelData = { user_id: string; user_info: Record<string, unknown> };

/** A successful channel authorization: `{ auth: "key:signature", channel_data }`, with channel_data parsed. */
export async function expectChannelAuth(response: APIResponse): Promise<ChannelData> {
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { auth: string; channel_data: string };
  expect(body.auth).toMatch(/^[^:]+:[0-9a-f]{64}$/);
  return JSON.parse(body.channel_data) as ChannelData;
}

/** The session's user as the user-auth endpoint signs it. */
export async function signedUserData(request: APIRequestContext): Promise<{ id: string; user_info: Record<string, unknown> }> {
  const response = await userAuthRequest(request);
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { auth: string; user_data: string };
  expect(body.auth).toMatch(/^[^:]+:[0-9a-f]{64}$/);
  return JSON.parse(body.user_data) as { id: string; user_info: Record<string, unknown> };
}
