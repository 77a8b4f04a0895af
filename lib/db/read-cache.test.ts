import { describe, expect, it } from 'vitest';
import { passThroughReads, WriteInvalidatedReads } from './read-cache';

function counter() {
  let loads = 0;
  return { load: async () => ++loads, loads: () => loads };
}

describe('WriteInvalidatedReads', () => {
  it('answers from memory until a write, then reads again', async () => {
    const reads = new WriteInvalidatedReads();
    const source = counter();
    expect(await reads.read('k', source.load)).toBe(1);
    expect(await reads.read('k', source.load)).toBe(1);
    reads.invalidate();
    expect(await reads.read('k', source.load)).toBe(2);
    expect(source.loads()).toBe(2);
  });

  it('does not remember a read that was in flight when a write committed', async () => {
    const reads = new WriteInvalidatedReads();
    let finishRead: (value: string) => void = () => undefined;
    const inFlight = reads.read('k', () => new Promise<string>((resolve) => (finishRead = resolve)));
    reads.invalidate();
    finishRead('before the write');
    expect(await inFlight).toBe('before the write');
    expect(await reads.read('k', async () => 'after the write')).toBe('after the write');
  });
});

describe('passThroughReads', () => {
  it('reads every time', async () => {
    const source = counter();
    await passThroughReads.read('k', source.load);
    await passThroughReads.read('k', source.load);
    expect(source.loads()).toBe(2);
  });
});
