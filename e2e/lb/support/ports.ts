/**
 * The load-balanced e2e's fixed loopback ports (chosen apart from the main e2e's 3100/6101/6199 and the
 * soketi run's, so the runs never collide on one machine).
 */
export const LB_PORTS = {
  haproxy: 3200,
  apps: [3210, 3211],
  realtime: 6201,
  realtimeControl: 6299,
  postgres: 55442,
  redis: 6392,
} as const;

/** Each app instance's name, sent back in X-Presently-Instance. */
export const INSTANCE_NAMES = ['app-a', 'app-b'] as const;

export const LB_BASE_URL = `http://localhost:${LB_PORTS.haproxy}`;

/** Low so the flood scenario is short (the main e2e raises it instead: it signs up many people). */
export const LB_SIGN_UPS_PER_ADDRESS = 4;

/** What global setup hands the specs (through the environment, the one channel Playwright offers). */
export const LB_STATE_ENV = 'PRESENTLY_LB_STATE';
export type LbState = {
  databaseUrl: string;
  /** Process-group leader of each app instance, in INSTANCE_NAMES order. */
  appPids: number[];
  postgresPid: number;
  limiterStore: 'postgres' | 'redis';
  logDir: string;
};

export function lbState(): LbState {
  const raw = process.env[LB_STATE_ENV];
  if (!raw) throw new Error(`${LB_STATE_ENV} is not set: run through playwright.lb.config.ts`);
  return JSON.parse(raw) as LbState;
}
