import type { z } from 'zod';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';

/** No request these routes accept comes close; anything bigger is refused before parsing. */
export const MAX_BODY_BYTES = 4_096;

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const JSON_CONTENT_TYPE = 'application/json';

/** Reads at most `limit` bytes, refusing (without buffering the rest) as soon as the body is larger. */
export async function readLimitedText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return decodeBody(chunks);
}

export function decodeBody(chunks: readonly Uint8Array[]): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/** A Content-Type header's media type, lower-cased, without parameters ('' when absent). */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function mediaType(request: Request): string {
  return mediaTypeOf(request.headers.get('content-type'));
}

function parseOrThrow<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new BadRequestError(`${where}${issue?.message ?? 'invalid input'}`);
  }
  return result.data;
}

/**
 * A form-encoded body (what pusher-js's `ajax` transport sends), or JSON, validated by `schema`. Repeated form
 * fields are refused rather than silently picking one.
 */
export async function readFormOrJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.output<Schema>> {
  const type = assertFormOrJson(mediaType(request));
  return parseFormOrJson(type, await readLimitedText(request, MAX_BODY_BYTES), schema);
}

type FormOrJson = typeof FORM_CONTENT_TYPE | typeof JSON_CONTENT_TYPE;

/** The media type when it is one `readFormOrJson` accepts; 415 otherwise (checked before any of the body is read). */
export function assertFormOrJson(type: string): FormOrJson {
  if (type !== FORM_CONTENT_TYPE && type !== JSON_CONTENT_TYPE) {
    throw new UnsupportedMediaTypeError([FORM_CONTENT_TYPE, JSON_CONTENT_TYPE]);
  }
  return type;
}

/** `readFormOrJson` on a body already read (within MAX_BODY_BYTES): for the Node front, which has no `Request`. */
export function parseFormOrJson<Schema extends z.ZodType>(type: FormOrJson, text: string, schema: Schema): z.output<Schema> {
  if (type === JSON_CONTENT_TYPE) return parseOrThrow(schema, parseJson(text));
  const params = new URLSearchParams(text);
  const fields: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in fields) throw new BadRequestError(`${name}: given more than once`);
    fields[name] = value;
  }
  return parseOrThrow(schema, fields);
}

/** A JSON body validated by `schema`; `maxBytes` raises the default cap for routes that carry more (chat messages). */
export async function readJson<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  maxBytes = MAX_BODY_BYTES,
): Promise<z.output<Schema>> {
  if (mediaType(request) !== JSON_CONTENT_TYPE) throw new UnsupportedMediaTypeError([JSON_CONTENT_TYPE]);
  return parseOrThrow(schema, parseJson(await readLimitedText(request, maxBytes)));
}

export function readQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.output<Schema> {
  return parseOrThrow(schema, Object.fromEntries(new URL(request.url).searchParams));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError('The body is not valid JSON.');
  }
}
