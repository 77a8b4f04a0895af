import { randomBytes } from 'node:crypto';
import type { ServerName } from '../support/servers';
import { batchPositions, holds, publishAtRate, reapAfterKill, type BatchPositions, type RateResult } from './workloads';
import { startOurNode, startRedis, startSoketiNode, type Proc } from './processes';
import { groupCpuMs } from '../support/proc';
import { round } from '../support/stats';

/** The issue's load: 1,000 publishes/s from one node, subscribers on all three. */
const BASE_RATE = 1_000;
const NODES = 3;
/** Kept small so the load generator, on the same two cores, is not what saturates. */
const SUBSCRIBERS_PER_NODE = 5;
const LATENCY_MS = { full: 5_000, quick: 2_000 };
const KNEE_STEP_MS = { full: 3_000, quick: 1_500 };
const KNEE_RATES = { full: [1_000, 2_000, 3_000, 5_000, 8_000, 12_000], quick: [1_000, 3_000] };
const REAP_MEMBERS = 50;

/** Server CPU (user + system, ms) per 1,000 publishes at 1,000/s. */
export interface CpuFigures {
  /** One node alone, the same workload. */
  single_node: number | null;
  /** The three nodes together (Redis not included; it is `redis`). */
  three_nodes: number;
  redis: number;
  /**
   * Subscribers on the first two nodes only, publishes to the first: the second node, and the third
   * with no subscriber, each less what it spent in as long a time with nothing published.
   */
  busy_node: number;
  idle_node: number;
}

export interface ClusterColumn {
  cpu: CpuFigures;
  /** Single node (ours only): the same load on one process, same run. */
  single: RateResult | null;
  cluster: RateResult;
  /** Highest rate tried that kept 100 % delivery, no duplicates and p99 ≤ 100 ms (null: not even the first). */
  knee_per_s: number | null;
  /** The first rate that did not hold, and its figures. */
  knee_broke_at: RateResult | null;
  /** Median latency of the first and the tenth event of a 10-event batch_events (3 nodes). */
  batch: BatchPositions;
  /** SIGKILL of a node → every watcher got member_removed for all its users (ms; null: not within 30 s). */
  reap_ms: number | null;
}

export type ClusterResults = Partial<Record<ServerName, ClusterColumn>>;

async function startNodes(server: ServerName, redisPort: number): Promise<Proc[]> {
  const prefix = `bench-${randomBytes(3).toString('hex')}:`;
  const started: Proc[] = [];
  try {
    for (let i = 0; i < NODES; i += 1) started.push(server === 'ours' ? await startOurNode(redisPort, prefix) : await startSoketiNode(redisPort));
  } catch (error) {
    await Promise.all(started.map((proc) => proc.kill()));
    throw error;
  }
  return started;
}

/** Unrecorded load first, so no server is measured cold (JIT, connections, buffers). */
const WARMUP_MS = 2_000;
/** Single node and cluster at 1,000/s are measured alternately this many times; the run with the median p95 is kept. */
const LATENCY_ROUNDS = { full: 3, quick: 1 };

function medianByP95(results: RateResult[]): RateResult {
  return [...results].sort((a, b) => a.p95_ms - b.p95_ms)[Math.floor((results.length - 1) / 2)] as RateResult;
}

async function measure(server: ServerName, quick: boolean, log: (line: string) => void): Promise<ClusterColumn> {
  const mode = quick ? 'quick' : 'full';
  const redis = await startRedis();
  const procs: Proc[] = [redis];
  try {
    const alone = server === 'ours' ? await startOurNode(null, '') : null;
    if (alone) procs.push(alone);
    const nodes = await startNodes(server, redis.port);
    procs.push(...nodes);
    const ports = nodes.map((node) => node.port);
    if (alone) await publishAtRate([alone.port], SUBSCRIBERS_PER_NODE * NODES, BASE_RATE, WARMUP_MS);
    await publishAtRate(ports, SUBSCRIBERS_PER_NODE, BASE_RATE, WARMUP_MS);
    const singles: RateResult[] = [];
    const clusters: RateResult[] = [];
    const cpu = { single: 0, nodes: 0, redis: 0, publishes: 0 };
    const sample = (procsToRead: readonly Proc[]): number => procsToRead.reduce((sum, proc) => sum + groupCpuMs(proc.pid), 0);
    for (let r = 0; r < LATENCY_ROUNDS[mode]; r += 1) {
      if (alone) {
        const before = sample([alone]);
        singles.push(await publishAtRate([alone.port], SUBSCRIBERS_PER_NODE * NODES, BASE_RATE, LATENCY_MS[mode]));
        cpu.single += sample([alone]) - before;
        log(`  single node at ${BASE_RATE}/s: ${JSON.stringify(singles.at(-1))}`);
      }
      const [nodesBefore, redisBefore] = [sample(nodes), sample([redis])];
      clusters.push(await publishAtRate(ports, SUBSCRIBERS_PER_NODE, BASE_RATE, LATENCY_MS[mode]));
      cpu.nodes += sample(nodes) - nodesBefore;
      cpu.redis += sample([redis]) - redisBefore;
      cpu.publishes += Math.ceil((BASE_RATE * LATENCY_MS[mode]) / 1000);
      log(`  ${NODES} nodes at ${BASE_RATE}/s: ${JSON.stringify(clusters.at(-1))}`);
    }
    const [busy, idle] = [nodes[1] as Proc, nodes[2] as Proc];
    // What the two nodes spend with nothing published (heartbeats, reaper, timers) is not a cost per publish.
    const [busyQuiet, idleQuiet] = [groupCpuMs(busy.pid), groupCpuMs(idle.pid)];
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS[mode]));
    const quiet = { busy: groupCpuMs(busy.pid) - busyQuiet, idle: groupCpuMs(idle.pid) - idleQuiet };
    const [busyBefore, idleBefore] = [groupCpuMs(busy.pid), groupCpuMs(idle.pid)];
    const partial = await publishAtRate(ports.slice(0, 2), SUBSCRIBERS_PER_NODE, BASE_RATE, LATENCY_MS[mode]);
    const partialThousands = (BASE_RATE * LATENCY_MS[mode]) / 1000 / 1000;
    const perThousand = cpu.publishes / 1000;
    const cpuFigures: CpuFigures = {
      single_node: alone ? round(cpu.single / perThousand, 1) : null,
      three_nodes: round(cpu.nodes / perThousand, 1),
      redis: round(cpu.redis / perThousand, 1),
      busy_node: round((groupCpuMs(busy.pid) - busyBefore - quiet.busy) / partialThousands, 1),
      idle_node: round((groupCpuMs(idle.pid) - idleBefore - quiet.idle) / partialThousands, 1),
    };
    log(`  subscribers on 2 nodes only: ${JSON.stringify(partial)}; CPU ms per 1,000 publishes: ${JSON.stringify(cpuFigures)}`);
    if (alone) await alone.kill();
    const batch = await batchPositions(ports, SUBSCRIBERS_PER_NODE, quick);
    log(`  batch_events positions: ${JSON.stringify(batch)}`);
    let knee: number | null = null;
    let brokeAt: RateResult | null = null;
    for (const rate of KNEE_RATES[mode]) {
      const result = await publishAtRate(ports, SUBSCRIBERS_PER_NODE, rate, KNEE_STEP_MS[mode]);
      log(`  ${NODES} nodes at ${rate}/s: ${JSON.stringify(result)}`);
      if (!holds(result)) {
        brokeAt = result;
        break;
      }
      knee = rate;
    }
    const victim = nodes[NODES - 1] as Proc;
    const reap = await reapAfterKill(victim.port, ports.slice(0, -1), REAP_MEMBERS, () => victim.kill());
    log(`  SIGKILL → last member_removed: ${reap === null ? 'none within 30 s' : `${reap} ms`}`);
    return { single: singles.length > 0 ? medianByP95(singles) : null, cluster: medianByP95(clusters), knee_per_s: knee, knee_broke_at: brokeAt, batch, reap_ms: reap, cpu: cpuFigures };
  } finally {
    await Promise.all(procs.map((proc) => proc.kill()));
  }
}

/** The cluster workload of `npm run bench:realtime`: 3 nodes over Redis (ours, and soketi's cluster as a peer). */
export async function runClusterBenchmark(servers: readonly ServerName[], quick: boolean, log: (line: string) => void): Promise<{ results: ClusterResults; failures: string[] }> {
  const results: ClusterResults = {};
  const failures: string[] = [];
  for (const server of servers) {
    log(`cluster on ${server}…`);
    try {
      results[server] = await measure(server, quick, log);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`cluster on ${server}: ${message}`);
      log(`  FAILED ${message}`);
    }
  }
  return { results, failures };
}

const cell = (value: number | null | undefined, unit = ''): string => (value === null || value === undefined ? '–' : `${value.toLocaleString('en-US')}${unit}`);

/** The Markdown table for realtime/README.md. */
export function clusterMarkdown(results: ClusterResults): string {
  const ours = results.ours;
  const soketi = results.soketi;
  const rows: [string, string, string, string][] = [
    ['Delivery p50 at 1,000 publishes/s (ms)', cell(ours?.single?.p50_ms), cell(ours?.cluster.p50_ms), cell(soketi?.cluster.p50_ms)],
    ['Delivery p95 at 1,000 publishes/s (ms)', cell(ours?.single?.p95_ms), cell(ours?.cluster.p95_ms), cell(soketi?.cluster.p95_ms)],
    ['Delivery p99 at 1,000 publishes/s (ms)', cell(ours?.single?.p99_ms), cell(ours?.cluster.p99_ms), cell(soketi?.cluster.p99_ms)],
    ['Delivered at 1,000/s (%)', cell(ours?.single?.delivered_pct), cell(ours?.cluster.delivered_pct), cell(soketi?.cluster.delivered_pct)],
    ['Duplicates at 1,000/s', cell(ours?.single?.duplicates), cell(ours?.cluster.duplicates), cell(soketi?.cluster.duplicates)],
    ['Server CPU per 1,000 publishes at 1,000/s (ms; 3 nodes: all three, Redis apart)', cell(ours?.cpu.single_node), cpuCell(ours), cpuCell(soketi)],
    ['Subscribers on 2 of 3 nodes: CPU per 1,000 publishes of a subscribed / an idle node (ms)', '', idleCell(ours), idleCell(soketi)],
    ['batch_events of 10: median latency of the 1st / 10th event (ms)', '', batchCell(ours), batchCell(soketi)],
    ['Knee: highest rate with 100 % delivered and p99 ≤ 100 ms (publishes/s)', '', cell(ours?.knee_per_s), cell(soketi?.knee_per_s)],
    ['First rate that broke (achieved/s, delivered %, p99 ms)', '', brokeCell(ours), brokeCell(soketi)],
    ['SIGKILL of a node → last member_removed (ms)', '', cell(ours?.reap_ms), soketi ? cell(soketi.reap_ms) === '–' ? 'never (30 s)' : cell(soketi.reap_ms) : '–'],
  ];
  return ['| Figure | Ours, 1 node | Ours, 3 nodes + Redis | soketi 1.6.1, 3 nodes + Redis |', '| --- | ---: | ---: | ---: |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function cpuCell(column: ClusterColumn | undefined): string {
  return column ? `${column.cpu.three_nodes} (+ Redis ${column.cpu.redis})` : '–';
}

function idleCell(column: ClusterColumn | undefined): string {
  if (!column) return '–';
  const share = column.cpu.busy_node > 0 ? Math.round((100 * column.cpu.idle_node) / column.cpu.busy_node) : 0;
  return `${column.cpu.busy_node} / ${column.cpu.idle_node} (${share} %)`;
}

function batchCell(column: ClusterColumn | undefined): string {
  return column ? `${column.batch.first_p50_ms} / ${column.batch.tenth_p50_ms}` : '–';
}

function brokeCell(column: ClusterColumn | undefined): string {
  const broke = column?.knee_broke_at;
  if (!broke) return column ? 'none tried broke' : '–';
  return `${broke.target_per_s.toLocaleString('en-US')} (${broke.achieved_per_s.toLocaleString('en-US')}/s, ${broke.delivered_pct} %, ${broke.p99_ms} ms)`;
}
