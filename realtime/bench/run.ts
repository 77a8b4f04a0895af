/**
 * `npm run bench:realtime` — this server against soketi 1.6.1, same workloads, same run.
 *
 *   --quick            smaller sizes and shorter phases (a smoke run, ~1 min)
 *   --only=a,b         workloads: fanout, broadcast, connections, churn, bigroom, cluster (default: all)
 *                      cluster: 3 nodes over a throwaway redis-server (needs it on PATH) against one
 *                      node, and soketi's Redis cluster as a peer (see cluster/run-cluster.ts)
 *   --servers=a,b      ours, soketi (default: both)
 *   --rounds=N         repeat each workload N times, alternating which server goes first, and
 *                      report the median of each figure (default: 3 for fanout and broadcast, 1 else)
 *   --profile          run our server with --cpu-prof (profiles in realtime/bench/results/profiles/)
 *                      (cluster workload: set BENCH_CLUSTER_CPU_PROF_DIR=DIR instead; nodes are then
 *                      stopped with SIGTERM so they write their profile, which makes the SIGKILL
 *                      reap figure meaningless in that run)
 *   --no-write         do not write realtime/bench/results/<date>.json
 *
 * Every workload gets a fresh server process (ours: the production bundle, `realtime/dist/main.mjs`;
 * soketi: `../shared/peers/soketi/run.sh`, or $BENCH_SOKETI_SCRIPT) on loopback with the app
 * credentials app-id / app-key / app-secret, and a load generator in a process of its own.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cpuMs } from './support/proc';
import { formatTable, machine, markdownTable, tableRows, type Figures, type Results } from './support/report';
import { parseResultLine } from './support/result-line';
import { REPO_ROOT, startOurs, startSoketi, type ServerName, type ServerUnderTest } from './support/servers';
import { medianFigures, round } from './support/stats';
import { clusterMarkdown, runClusterBenchmark, type ClusterResults } from './cluster/run-cluster';
import { WORKLOADS } from './workloads';

/** Not a single-server workload: it starts its own nodes and Redis. */
const CLUSTER_WORKLOAD = 'cluster';

const RESULTS_DIR = path.join(REPO_ROOT, 'realtime/bench/results');
/** A workload that has not finished in this time is stopped and reported as failed. */
const WORKLOAD_TIMEOUT_MS = 180_000;
/** Short workloads are repeated by default: on a shared 2-core machine one run of a latency is noise. */
const DEFAULT_ROUNDS: Readonly<Record<string, number>> = { fanout: 3, broadcast: 3, connections: 1, churn: 1, bigroom: 1 };

interface Options {
  quick: boolean;
  only: string[];
  servers: ServerName[];
  profile: boolean;
  write: boolean;
  rounds: number | null;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const known = [...Object.keys(WORKLOADS), CLUSTER_WORKLOAD];
  const only = value('only')?.split(',').filter(Boolean) ?? known;
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`unknown workload(s) ${unknown.join(', ')}; choose from ${known.join(', ')}`);
  const servers = (value('servers')?.split(',').filter(Boolean) ?? ['ours', 'soketi']) as ServerName[];
  if (servers.some((name) => name !== 'ours' && name !== 'soketi')) throw new Error('--servers takes ours and/or soketi');
  const rounds = value('rounds') === undefined ? null : Number(value('rounds'));
  if (rounds !== null && !(Number.isInteger(rounds) && rounds >= 1)) throw new Error('--rounds takes a whole number >= 1');
  return { quick: argv.includes('--quick'), only, servers, profile: argv.includes('--profile'), write: !argv.includes('--no-write'), rounds };
}

async function runWorkload(workload: string, server: ServerUnderTest, quick: boolean): Promise<Figures> {
  const cpuBefore = cpuMs(server.pid);
  const started = Date.now();
  const args = ['--import', 'tsx', 'realtime/bench/load.ts', workload, String(server.port), String(server.pid), ...(quick ? ['--quick'] : [])];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), WORKLOAD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const figures = parseResultLine(stdout);
  if (code !== 0 || figures === null) {
    throw new Error(`${workload} on ${server.name} failed (exit ${code}):\n${stderr.trim()}\nserver stderr:\n${server.stderrTail().trim()}`);
  }
  return { ...figures, server_cpu_s: round((cpuMs(server.pid) - cpuBefore) / 1000, 2), wall_s: round((Date.now() - started) / 1000, 1) };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const profileDir = path.join(RESULTS_DIR, 'profiles');
  if (options.profile) mkdirSync(profileDir, { recursive: true });
  const results: Results = {};
  const failures: string[] = [];
  const began = Date.now();
  const rounds: Record<string, Partial<Record<ServerName, Figures[]>>> = {};
  for (const workload of options.only.filter((name) => name !== CLUSTER_WORKLOAD)) {
    rounds[workload] = {};
    const count = options.rounds ?? DEFAULT_ROUNDS[workload] ?? 1;
    for (let round_ = 0; round_ < count; round_ += 1) {
      const order = round_ % 2 === 0 ? options.servers : [...options.servers].reverse();
      for (const name of order) {
        process.stderr.write(`${workload} on ${name} (round ${round_ + 1}/${count})… `);
        const server = name === 'ours' ? await startOurs(options.profile ? { cpuProfDir: profileDir } : {}) : await startSoketi();
        try {
          const figures = await runWorkload(workload, server, options.quick);
          ((rounds[workload] as Partial<Record<ServerName, Figures[]>>)[name] ??= []).push(figures);
          process.stderr.write(`${JSON.stringify(figures)}\n`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failures.push(message);
          process.stderr.write(`FAILED\n${message}\n`);
        } finally {
          await server.stop();
        }
      }
    }
    results[workload] = Object.fromEntries(
      Object.entries(rounds[workload] ?? {}).map(([name, runs]) => [name, medianFigures(runs ?? [])]),
    ) as Partial<Record<ServerName, Figures>>;
  }

  let cluster: ClusterResults | null = null;
  if (options.only.includes(CLUSTER_WORKLOAD)) {
    const run = await runClusterBenchmark(options.servers, options.quick, (line) => process.stderr.write(`${line}\n`));
    cluster = run.results;
    failures.push(...run.failures);
  }

  const rows = tableRows(results);
  const date = new Date().toISOString().slice(0, 10);
  console.log(`\nrealtime benchmark ${date}${options.quick ? ' (quick)' : ''}: ${JSON.stringify(machine())}, ${round((Date.now() - began) / 1000, 0)} s\n`);
  console.log(formatTable(rows));
  if (cluster) console.log(`\ncluster (3 nodes over Redis, publishers on one node, subscribers on all):\n${clusterMarkdown(cluster)}`);
  if (options.write) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${date}${options.quick ? '-quick' : ''}.json`);
    const document = { date, quick: options.quick, machine: machine(), workloads: options.only, results, rounds, table: rows, markdown: markdownTable(rows), cluster, clusterMarkdown: cluster ? clusterMarkdown(cluster) : null, failures };
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    console.log(`\nwritten to ${path.relative(REPO_ROOT, file)}`);
  }
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
