import { describe, expect, it } from 'vitest';
import { channelAuthRequestSchema } from '@/lib/pusher/schemas';
import { MAX_BODY_BYTES, readFormOrJson, readJson } from './body';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';

const URL_ = 'http://localhost/api/pusher/auth';

function form(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new Request(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', ...headers },
    body,
    // Node's fetch needs this for a streamed body.
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
}

/** A body that never declares its length, to prove the cap does not trust Content-Length. */
function stream(totalBytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const chunk = new TextEncoder().encode('a'.repeat(Math.min(1_024, totalBytes - sent)));
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

describe('readFormOrJson', () => {
  it('reads what pusher-js sends and drops fields the schema does not name', async () => {
    const parsed = await readFormOrJson(
      form('socket_id=123.456&channel_name=presence-hobby-gaming&user_id=mallory'),
      channelAuthRequestSchema,
    );
    expect(parsed).toEqual({ socket_id: '123.456', channel_name: 'presence-hobby-gaming' });
  });

  it('reads JSON too', async () => {
    const request = new Request(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ socket_id: '1.2', channel_name: 'presence-business-acme-hq' }),
    });
    expect(await readFormOrJson(request, channelAuthRequestSchema)).toMatchObject({ socket_id: '1.2' });
  });

  it('refuses repeated fields, bad values, other media types and broken JSON', async () => {
    await expect(
      readFormOrJson(form('socket_id=1.1&socket_id=2.2&channel_name=presence-hobby-gaming'), channelAuthRequestSchema),
    ).rejects.toBeInstanceOf(BadRequestError);
    await expect(
      readFormOrJson(form('socket_id=1.1.1&channel_name=presence-hobby-gaming'), channelAuthRequestSchema),
    ).rejects.toThrow(/socket_id/);
    const text = new Request(URL_, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    await expect(readFormOrJson(text, channelAuthRequestSchema)).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
    const broken = new Request(URL_, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    await expect(readJson(broken, channelAuthRequestSchema)).rejects.toBeInstanceOf(BadRequestError);
  });

  it('refuses an oversized body by its declared length or, without one, while reading it', async () => {
    await expect(
      readFormOrJson(form('socket_id=1.1', { 'content-length': String(MAX_BODY_BYTES + 1) }), channelAuthRequestSchema),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(readFormOrJson(form(stream(MAX_BODY_BYTES * 10)), channelAuthRequestSchema)).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
    await expect(readFormOrJson(form(stream(MAX_BODY_BYTES)), channelAuthRequestSchema)).rejects.toBeInstanceOf(
      BadRequestError,
    );
  });
});
