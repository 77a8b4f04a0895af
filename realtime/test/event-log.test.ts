import { describe, expect, it } from 'vitest';
import { RealtimeEvents } from '../src/events';
import { createLogger } from '../src/logger';
import { logNotableEvents, REFUSAL_LOG_LINES_PER_SECOND } from '../src/ops/event-log';

describe('refusal log lines', () => {
  it(`are at most ${REFUSAL_LOG_LINES_PER_SECOND} a second per kind, the next line saying how many were held back`, () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ format: 'json', out: (line) => lines.push(JSON.parse(line) as Record<string, unknown>), err: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    let clock = 0;
    const events = new RealtimeEvents(logger);
    const stop = logNotableEvents(events, logger, () => clock);
    const FLOOD = 5_000;
    for (let i = 0; i < FLOOD; i += 1) events.emit('subscription_refused', { appId: 'a', channel: `c-${i}`, socketId: '1.1', type: 'LimitReached' });
    // Another kind keeps its own budget.
    events.emit('connection_rejected', { appKey: 'k', code: 4100, reason: 'Too many connections from this address (at most 100)' });
    expect(lines.filter((line) => line.event === 'subscription_refused')).toHaveLength(REFUSAL_LOG_LINES_PER_SECOND);
    expect(lines.filter((line) => line.event === 'connection_refused')).toHaveLength(1);

    clock += 1_000;
    events.emit('subscription_refused', { appId: 'a', channel: 'later', socketId: '1.1', type: 'LimitReached' });
    expect(lines.at(-1)).toMatchObject({ event: 'subscription_refused', channel: 'later', suppressed: FLOOD - REFUSAL_LOG_LINES_PER_SECOND });
    stop();
  });
});
