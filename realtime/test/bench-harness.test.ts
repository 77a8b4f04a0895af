import { describe, expect, it } from 'vitest';
import { startRealtimeServer } from '../src/server';
import { LOOPBACK_CROWD } from './helpers/server';
import { quietLogger } from '../src/logger';
import { BENCH_APP } from '../bench/support/credentials';
import { cpuMs, rssBytes } from '../bench/support/proc';
import { formatTable, tableRows } from '../bench/support/report';
import { parseResultLine, RESULT_PREFIX } from '../bench/support/result-line';
import { soketiScript, REPO_ROOT } from '../bench/support/servers';
import { medianFigures, percentiles } from '../bench/support/stats';
import { presenceFanout } from '../bench/workloads/presence-fanout';
import path from 'node:path';

describe('benchmark harness (smoke)', () => {
  it('percentiles and medians', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(values)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(percentiles([])).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0 });
    expect(medianFigures([{ a: 3, b: 1 }, { a: 1 }, { a: 2, b: 5 }])).toEqual({ a: 2, b: 1 });
  });

  it('ratios say which way is better', () => {
    const rows = tableRows({
      broadcast: { ours: { deliveries_per_s: 200, latency_p50_ms: 4, saturation_lost: 0 }, soketi: { deliveries_per_s: 100, latency_p50_ms: 2, saturation_lost: 3 } },
    });
    const by = Object.fromEntries(rows.map((row) => [row.metric, row]));
    expect(by.deliveries_per_s).toMatchObject({ ratio: 2, ahead: true });
    expect(by.latency_p50_ms).toMatchObject({ ratio: 2, ahead: false });
    expect(by.saturation_lost).toMatchObject({ ahead: true });
    expect(formatTable(rows)).toContain('BEHIND');
  });

  it('reads /proc and the result line; finds soketi next to the repository', () => {
    expect(rssBytes(process.pid)).toBeGreaterThan(1024 * 1024);
    expect(cpuMs(process.pid)).toBeGreaterThan(0);
    expect(parseResultLine(`noise\n${RESULT_PREFIX}{"x":1}\n`)).toEqual({ x: 1 });
    expect(soketiScript({})).toBe(path.resolve(REPO_ROOT, '..', 'shared/peers/soketi/run.sh'));
    expect(soketiScript({ BENCH_SOKETI_SCRIPT: '/x/run.sh' })).toBe('/x/run.sh');
  });

  it('runs the presence fan-out workload against a real server', { timeout: 30_000 }, async () => {
    // The workload's clients all connect from loopback: the per-address share is lifted, as the bench does.
    const server = await startRealtimeServer({ port: 0, apps: [{ ...BENCH_APP }], ...LOOPBACK_CROWD }, { logger: quietLogger });
    try {
      const figures = await presenceFanout({ port: server.port, pid: process.pid, quick: true });
      expect(figures.joins).toBe(3 * (figures.members as number - 1)); // 4 rounds, the first a warm-up
      expect(figures.p50_ms).toBeGreaterThan(0);
      expect(figures.p99_ms).toBeGreaterThanOrEqual(figures.p50_ms as number);
    } finally {
      await server.close();
    }
  });
});
