import { cpus, release } from 'node:os';
import type { ServerName } from './servers';
import { TABLE_METRICS, type Better } from './metrics';
import { round } from './stats';

export type Figures = Record<string, number>;
/** workload → server → figures */
export type Results = Record<string, Partial<Record<ServerName, Figures>>>;

export interface Row {
  workload: string;
  metric: string;
  label: string;
  ours: number | null;
  soketi: number | null;
  /** ours ÷ soketi (null when either is missing or soketi is 0). */
  ratio: number | null;
  better: Better;
  /** Whether ours is at least as good as soketi on this row (null: no comparison). */
  ahead: boolean | null;
}

export function tableRows(results: Results): Row[] {
  const rows: Row[] = [];
  for (const [workload, metrics] of Object.entries(TABLE_METRICS)) {
    const figures = results[workload];
    if (!figures) continue;
    for (const [metric, info] of Object.entries(metrics)) {
      const ours = figures.ours?.[metric] ?? null;
      const soketi = figures.soketi?.[metric] ?? null;
      if (ours === null && soketi === null) continue;
      const ratio = ours !== null && soketi !== null && soketi !== 0 ? round(ours / soketi, 2) : null;
      rows.push({ workload, metric, label: info.label, ours, soketi, ratio, better: info.better, ahead: judge(info.better, ours, soketi) });
    }
  }
  return rows;
}

function judge(better: Better, ours: number | null, soketi: number | null): boolean | null {
  if (ours === null) return null;
  if (better === 'zero') return ours === 0;
  if (soketi === null) return null;
  return better === 'lower' ? ours <= soketi : ours >= soketi;
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['figure', 'ours', 'soketi', 'ours÷soketi', 'better', ''];
  const body = rows.map((row) => [
    row.label,
    format(row.ours),
    format(row.soketi),
    row.ratio === null ? '–' : `${row.ratio.toFixed(2)}×`,
    row.better === 'zero' ? 'must be 0' : `${row.better}`,
    row.ahead === null ? '' : row.ahead ? 'ok' : 'BEHIND',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

/** The same table as Markdown, for the README. */
export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| Figure | Ours | soketi 1.6.1 | Ours ÷ soketi | Better |', '| --- | ---: | ---: | ---: | --- |'];
  for (const row of rows) {
    lines.push(
      `| ${row.label} | ${format(row.ours)} | ${format(row.soketi)} | ${row.ratio === null ? '–' : `${row.ratio.toFixed(2)}×`} | ${row.better === 'zero' ? 'must be 0' : row.better} |`,
    );
  }
  return lines.join('\n');
}

function format(value: number | null): string {
  if (value === null) return '–';
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function machine(): Record<string, string | number> {
  const cores = cpus();
  return { cpus: cores.length, cpu_model: cores[0]?.model ?? 'unknown', node: process.version, kernel: release() };
}
