/**
 * The load generator: one workload against one server, in a process of its own (so its CPU is not
 * the server's). Usage: `node --import tsx realtime/bench/load.ts <workload> <port> <pid> [--quick]`.
 * Prints the figures as one line `BENCH_RESULT {json}` on stdout and exits.
 */
import { RESULT_PREFIX } from './support/result-line';
import { WORKLOADS } from './workloads';

async function main(): Promise<void> {
  const [name, port, pid] = process.argv.slice(2);
  const workload = name === undefined ? undefined : WORKLOADS[name];
  if (!workload || !port || !pid) throw new Error(`usage: load.ts <${Object.keys(WORKLOADS).join('|')}> <port> <pid> [--quick]`);
  const result = await workload({ port: Number(port), pid: Number(pid), quick: process.argv.includes('--quick') });
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
