/**
 * A complete, unmasked WebSocket text frame (RFC 6455 §5.2: FIN + opcode 0x1, then the payload
 * length in 7, 7+16 or 7+64 bits). Servers never mask, so one frame serves every recipient: a
 * broadcast is framed once and the same bytes are written to each socket.
 */
const FIN_TEXT = 0x81;
const LENGTH_16 = 126;
const LENGTH_64 = 127;
const MAX_7_BIT = 125;
const MAX_16_BIT = 0xffff;

export function encodeTextFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const headerLength = length <= MAX_7_BIT ? 2 : length <= MAX_16_BIT ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FIN_TEXT;
  if (headerLength === 2) {
    frame[1] = length;
  } else if (headerLength === 4) {
    frame[1] = LENGTH_16;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = LENGTH_64;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(frame, headerLength);
  return frame;
}

/** A frame ready to write, and the size of its payload (what metrics count). */
export interface EncodedFrame {
  frame: Buffer;
  payloadBytes: number;
}

export function encodeTextMessage(text: string): EncodedFrame {
  const payload = Buffer.from(text, 'utf8');
  return { frame: encodeTextFrame(payload), payloadBytes: payload.length };
}

/** Where the payload of a frame made by `encodeTextFrame` starts. */
function headerLengthOf(frame: Buffer): number {
  const length = (frame[1] as number) & 0x7f;
  return length === LENGTH_16 ? 4 : length === LENGTH_64 ? 10 : 2;
}

/** Whether `frame` is one complete unmasked text frame as `encodeTextFrame` makes them (e.g. read back from Redis). */
export function isTextFrame(frame: Buffer): boolean {
  if (frame.length < 2 || frame[0] !== FIN_TEXT || ((frame[1] as number) & 0x80) !== 0) return false;
  const headerLength = headerLengthOf(frame);
  if (frame.length < headerLength) return false;
  const length = headerLength === 2 ? (frame[1] as number) : headerLength === 4 ? frame.readUInt16BE(2) : Number(frame.readBigUInt64BE(2));
  return frame.length === headerLength + length;
}

/** A frame that `isTextFrame` accepted, with its payload size. */
export function framedMessage(frame: Buffer): EncodedFrame {
  return { frame, payloadBytes: frame.length - headerLengthOf(frame) };
}
