import type { IncomingMessage } from 'node:http';
import { decodeBody } from './body';
import { PayloadTooLargeError } from './errors';

/** The client went away before its body was complete. */
export class RequestBodyAbortedError extends Error {
  constructor() {
    super('the request body ended early: the client closed the connection');
    this.name = 'RequestBodyAbortedError';
  }
}

/**
 * `readLimitedText` (lib/http/body.ts) for a Node request: refuses a declared length above `limit` before
 * reading, and stops reading (413) as soon as more than `limit` bytes arrive.
 */
export function readNodeBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new PayloadTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (finish: () => void) => {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      finish();
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= limit) {
        chunks.push(chunk);
        return;
      }
      request.pause();
      settle(() => reject(new PayloadTooLargeError(limit)));
    };
    const onEnd = () => settle(() => resolve(decodeBody(chunks)));
    const onError = (error: Error) => settle(() => reject(error));
    const onClose = () => settle(() => reject(new RequestBodyAbortedError()));
    request.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
