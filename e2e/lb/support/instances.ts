import type { Page, Response } from '@playwright/test';
import { INSTANCE_NAMES, LB_PORTS } from './ports';

const INSTANCE_HEADER = 'x-presently-instance';

/** Which app instance answered each response a page got through HAProxy, in order. */
export class InstanceLog {
  readonly seen: string[] = [];

  constructor(page: Page) {
    page.on('response', (response) => {
      const instance = response.headers()[INSTANCE_HEADER];
      if (instance && new URL(response.url()).port === String(LB_PORTS.haproxy)) this.seen.push(instance);
    });
  }

  distinct(): string[] {
    return [...new Set(this.seen)].sort();
  }

  since(mark: number): string[] {
    return [...new Set(this.seen.slice(mark))].sort();
  }
}

export const BOTH_INSTANCES = [...INSTANCE_NAMES].sort();

export function instanceOf(response: Response): string {
  return response.headers()[INSTANCE_HEADER] ?? 'none';
}

/** Runs `submit` and returns the response to the form's server action (a POST carrying Next's action id). */
export async function actionResponse(page: Page, submit: () => Promise<void>): Promise<Response> {
  const response = page.waitForResponse((candidate) => candidate.request().method() === 'POST' && candidate.request().headers()['next-action'] !== undefined);
  await submit();
  return response;
}

/**
 * One extra request through HAProxy. A form attempt makes the same number of requests each time, so strict
 * round-robin would send every attempt's action to the same instance; a nudge on every other attempt alternates.
 */
export async function nudgeRoundRobin(page: Page, attempt: number): Promise<void> {
  if (attempt % 2 === 1) await page.request.get('/api/health');
}
