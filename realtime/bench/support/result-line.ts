/** The load generator reports its figures on one stdout line starting with this. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

export function parseResultLine(stdout: string): Record<string, number> | null {
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_PREFIX));
  return line === undefined ? null : (JSON.parse(line.slice(RESULT_PREFIX.length)) as Record<string, number>);
}
