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

/**
 * The test HAProxy's own routing header (e2e/lb/support/services.ts): a request carrying it goes to the named
 * instance. Round-robin alone cannot aim a form attempt: the pages, the realtime server's webhooks and the
 * health requests all move the rotation, so a steer by counting missed in CI (every sign-up on one instance).
 * Tests still check who answered from the response header.
 */
export const AIM_HEADER = 'x-presently-test-aim';

/** Headers that send every request they ride on to `target`, for `newContext({ extraHTTPHeaders })` or a page. */
export function aimedAt(target: string): Record<string, string> {
  return { [AIM_HEADER]: target };
}

/** The instance an attempt should aim at, alternating. */
export function aimFor(attempt: number): string {
  return INSTANCE_NAMES[attempt % INSTANCE_NAMES.length]!;
}
