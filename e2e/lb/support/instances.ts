import type { Page, Response } from '@playwright/test';
import { INSTANCE_NAMES, LB_PORTS } from './ports';

const INSTANCE_HEADER = 'x-presently-instance';

const CACHEABLE = /^\/(_next\/static\/|favicon\.svg$|screenshots\/)/;

/** Which app instance answered each response a page got through HAProxy, with when its request started. */
export class InstanceLog {
  private readonly answers: Array<{ instance: string; requestedAt: number }> = [];

  constructor(page: Page) {
    page.on('response', (response) => {
      const instance = response.headers()[INSTANCE_HEADER];
      const url = new URL(response.url());
      // Static assets come back from the browser's cache with the headers of whoever served them first.
      if (!instance || url.port !== String(LB_PORTS.haproxy) || CACHEABLE.test(url.pathname)) return;
      this.answers.push({ instance, requestedAt: response.request().timing().startTime });
    });
  }

  distinct(): string[] {
    return [...new Set(this.answers.map((answer) => answer.instance))].sort();
  }

  /** Instances that answered requests started after `time` (epoch ms). */
  requestedSince(time: number): string[] {
    return [...new Set(this.answers.filter((answer) => answer.requestedAt > time).map((answer) => answer.instance))].sort();
  }
}

export const BOTH_INSTANCES = [...INSTANCE_NAMES].sort();

export function instanceOf(response: Pick<Response, 'headers'>): string {
  return response.headers()[INSTANCE_HEADER] ?? 'none';
}

/** Runs `submit` and returns the response to the form's server action (a POST carrying Next's action id). */
export async function actionResponse(page: Page, submit: () => Promise<void>): Promise<Response> {
  const response = page.waitForResponse((candidate) => candidate.request().method() === 'POST' && candidate.request().headers()['next-action'] !== undefined);
  await submit();
  return response;
}

/** Requests a steer may spend; with two instances in strict rotation one or two suffice. */
const MAX_STEERING_REQUESTS = 4;

/**
 * Makes the page's next request likely to reach `target`: once the page is quiet (no prefetches in flight), asks
 * /api/health through HAProxy until the other instance answers, after which strict round-robin goes to `target`.
 * A form attempt makes the same requests each time, so without this every attempt's action would land on the
 * same instance. Tests still check who answered from the response header rather than trusting the steer.
 */
export async function steerTo(page: Page, target: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  for (let request = 0; request < MAX_STEERING_REQUESTS; request += 1) {
    if (instanceOf(await page.request.get('/api/health')) !== target) return;
  }
}

/** The instance an attempt should aim at, alternating. */
export function aimFor(attempt: number): string {
  return INSTANCE_NAMES[attempt % INSTANCE_NAMES.length]!;
}
