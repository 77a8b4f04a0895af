import { createHash, createHmac } from 'node:crypto';
import { APP } from './server';

export interface SignedFetchOptions {
  method?: 'GET' | 'POST';
  body?: string;
  params?: Record<string, string>;
  key?: string;
  secret?: string;
  timestamp?: number;
  /** Overrides the body_md5 that is signed and sent. */
  bodyMd5?: string;
  /** Replace the computed signature. */
  signature?: string;
  /** Sign as if the request had this method / path (to test signatures made for another request). */
  signAs?: { method?: string; path?: string };
  /** Query parameters added after signing (tampering). */
  unsigned?: Record<string, string>;
  /** Drop these auth params entirely. */
  omit?: string[];
}

/** Makes a REST request signed exactly as rest-api.md describes, with knobs to break each part. */
export async function signedFetch(port: number, path: string, options: SignedFetchOptions = {}): Promise<{ status: number; body: unknown }> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const params: Record<string, string> = {
    auth_key: options.key ?? APP.key,
    auth_timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    auth_version: '1.0',
    ...(options.params ?? {}),
  };
  if (options.body !== undefined) params.body_md5 = options.bodyMd5 ?? createHash('md5').update(options.body).digest('hex');
  for (const name of options.omit ?? []) delete params[name];
  const query = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key] ?? ''}`)
    .join('&');
  const signature = options.signature ?? createHmac('sha256', options.secret ?? APP.secret).update(`${options.signAs?.method ?? method}\n${options.signAs?.path ?? path}\n${query}`).digest('hex');
  const encoded = new URLSearchParams({ ...params, ...(options.unsigned ?? {}), auth_signature: signature }).toString();
  const response = await fetch(`http://127.0.0.1:${port}${path}?${encoded}`, {
    method,
    ...(options.body === undefined ? {} : { body: options.body, headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: response.status, body };
}
