import { describe, expect, it } from 'vitest';
import type { Writable } from 'node:stream';
import * as wsModule from 'ws';
import { encodeTextFrame, framedMessage, isTextFrame } from '../src/protocol/ws-frame';

// ws exports its frame parser at runtime (`Receiver`); @types/ws does not declare it.
type ReceiverConstructor = new (options: { isServer: boolean }) => Writable;
const Receiver = (wsModule as unknown as { Receiver: ReceiverConstructor }).Receiver;

/** Decodes frames with ws's own client-side parser (the same code pusher-js's Node build relies on). */
function decode(frames: Buffer[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false });
    const messages: string[] = [];
    receiver.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) reject(new Error('binary frame'));
      messages.push(data.toString('utf8'));
      if (messages.length === frames.length) resolve(messages);
    });
    receiver.on('error', reject);
    receiver.write(Buffer.concat(frames));
  });
}

describe('pre-encoded WebSocket frames', () => {
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 200_000])('a %i-byte text payload round-trips through ws', async (size) => {
    const text = 'é'.repeat(Math.floor(size / 2)) + 'x'.repeat(size % 2);
    const payload = Buffer.from(text, 'utf8');
    expect(payload.length).toBe(size);
    expect(await decode([encodeTextFrame(payload)])).toEqual([text]);
  });

  it('frames written back to back stay separate messages, in order', async () => {
    const texts = ['{"event":"a"}', 'x'.repeat(300), '{"event":"c"}'];
    expect(await decode(texts.map((text) => encodeTextFrame(Buffer.from(text))))).toEqual(texts);
  });
});

describe('frames read back from the cluster bus', () => {
  it.each([0, 1, 31, 125, 126, 65_535, 65_536])('a %i-byte frame is recognised whole, with its payload size', (size) => {
    const text = 'é'.repeat(Math.floor(size / 2)) + 'x'.repeat(size % 2);
    const frame = encodeTextFrame(Buffer.from(text, 'utf8'));
    expect(isTextFrame(frame)).toBe(true);
    expect(frame.toString('utf8', frame.length - Buffer.byteLength(text, 'utf8'))).toBe(text);
    expect(framedMessage(frame).payloadBytes).toBe(Buffer.byteLength(text, 'utf8'));
  });

  it('a truncated, extended or masked frame is not one', () => {
    const frame = encodeTextFrame(Buffer.from('x'.repeat(300)));
    expect(isTextFrame(frame.subarray(0, frame.length - 1))).toBe(false);
    expect(isTextFrame(Buffer.concat([frame, Buffer.from('y')]))).toBe(false);
    const masked = Buffer.from(frame);
    masked[1] = (masked[1] as number) | 0x80;
    expect(isTextFrame(masked)).toBe(false);
    expect(isTextFrame(Buffer.from([0x81]))).toBe(false);
  });
});
