import autocannon from 'autocannon';

/** autocannon's settings for every endpoint: the measurement (20 connections) for a fixed time. */
export const AUTH_LOAD = { connections: 20, durationSeconds: 10, warmupSeconds: 3 } as const;

export type ThroughputResult = {
  label: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP90Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
};

async function run(url: string, body: string, cookie: string | undefined, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    connections: AUTH_LOAD.connections,
    duration: seconds,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body,
  });
}

/** Requests per second and latency of one endpoint under a constant load, after a short warm-up. */
export async function measureEndpoint(label: string, url: string, body: string, cookie?: string): Promise<ThroughputResult> {
  await run(url, body, cookie, AUTH_LOAD.warmupSeconds);
  const result = await run(url, body, cookie, AUTH_LOAD.durationSeconds);
  return {
    label,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP90Ms: result.latency.p90,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
