import type { BenchResults } from '../run';
import { PAGE_LOAD_MILESTONES } from '../room-entry';

function table(title: string, header: string[], rows: Array<Array<string | number>>): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of cells.slice(1)) console.log(line(row));
}

/** The results as Markdown tables (they go into the README's performance section as they are). */
export function printTables(results: BenchResults): void {
  const { atStart, atEnd } = results.machine.loadAverage;
  const loads = (values: number[] | undefined) => values?.map((load) => load.toFixed(1)).join(' ') ?? '?';
  console.log(`\nLoad average (1, 5, 15 min): ${loads(atStart)} at the start, ${loads(atEnd)} at the end; ${results.machine.cpus} CPUs`);
  for (const [database, rows] of Object.entries(results.auth)) {
    const ceiling = rows.find((row) => row.label.includes('ceiling'))?.requestsPerSecond;
    table(
      `Authorization throughput, one app process, ${database} (autocannon, 20 connections, 10 s)`,
      ['endpoint', 'req/s', 'of ceiling', 'p50 ms', 'p90 ms', 'p99 ms', 'non-2xx', 'errors'],
      rows.map((row) => [
        row.label,
        row.requestsPerSecond,
        ceiling ? `${Math.round((100 * row.requestsPerSecond) / ceiling)} %` : '',
        row.latencyP50Ms,
        row.latencyP90Ms,
        row.latencyP99Ms,
        row.non2xx,
        row.errors,
      ]),
    );
  }
  const entry = results.roomEntry;
  if (entry) {
    table(
      `Room entry in Chromium (${entry.trials} trials each; ms)`,
      ['measure', 'p50', 'p90', 'min', 'max'],
      [
        ['click in room list → others see the newcomer', entry.clickToSeen.p50, entry.clickToSeen.p90, entry.clickToSeen.min, entry.clickToSeen.max],
        ['click "Rooms" → the room sees them leave', entry.leaveSeen.p50, entry.leaveSeen.p90, entry.leaveSeen.min, entry.leaveSeen.max],
        ['full page load of the room URL → seen', entry.pageLoadToSeen.p50, entry.pageLoadToSeen.p90, entry.pageLoadToSeen.min, entry.pageLoadToSeen.max],
      ],
    );
    console.log(`WebSocket connections opened by the newcomer's tab over ${entry.trials} in-app room switches: ${entry.websocketsDuringInAppTrials}`);
    table(
      'Full page load of the room URL, step by step (ms since the navigation started)',
      ['milestone', 'p50', 'p90', 'trials'],
      PAGE_LOAD_MILESTONES.map((milestone) => {
        const summary = entry.pageLoadMilestones[milestone];
        return [milestone, summary.p50, summary.p90, summary.count];
      }),
    );
  }
  if (results.storms.length > 0) {
    table(
      'Reconnect storm (realtime server killed and restarted)',
      ['setup', 'clients', 'realtime back (s)', 'reconnected p50/p90/max (s)', 'connect tries', 'all lists correct after (s)', 'correct at end', 'auth req', 'auth/s mean', 'auth/s peak', 'silent s', 'failures'],
      results.storms.map((storm) => [
        storm.label,
        storm.clients,
        storm.realtimeBackSeconds,
        [storm.reconnected.p50, storm.reconnected.p90, storm.reconnected.max].map((ms) => (ms / 1000).toFixed(1)).join(' / '),
        storm.connectTries,
        storm.recoverySeconds ?? 'not within 120 s',
        storm.clientsCorrectAtEnd,
        storm.authRequests,
        storm.authPerSecondMean,
        storm.authPerSecondPeak,
        storm.silentSeconds,
        Object.entries(storm.failures)
          .map(([outcome, count]) => `${outcome}×${count}`)
          .join(' ') || 'none',
      ]),
    );
  }
}
