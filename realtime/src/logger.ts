import pino, { type DestinationStream } from 'pino';
import { isColorSupported, prettyFactory } from 'pino-pretty';
import { ConfigError } from './config/schema';

/** Structured context of a log line (JSON fields in `json` format, `key=value`-like context in `pretty`). */
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, error?: unknown, fields?: LogFields): void;
}

export type LogLevel = 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['info', 'warn', 'error'];
/** `json`: one JSON object per line (for log shippers); `pretty`: one readable line (for terminals). */
export type LogFormat = 'json' | 'pretty';
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

export interface LoggerOptions {
  format: LogFormat;
  /** The lowest level written (default: `info`, everything). */
  level?: LogLevel;
  /** Where info lines go, one call per line without its newline (default: the process's stdout). */
  out?: (line: string) => void;
  /** Where warn and error lines go (default: the process's stderr). */
  err?: (line: string) => void;
  now?: () => Date;
}

const DEFAULT_LEVEL: LogLevel = 'info';
/** Keys pino writes itself: a field of the same name would make a second, conflicting key. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['time', 'level', 'msg']);
const STDOUT_FD = 1;
const STDERR_FD = 2;

/**
 * A logger writing one line per call, through pino: JSON lines, or pino-pretty's readable form.
 * Info goes to `out`, warnings and errors to `err`; errors keep their stack (`err.stack`).
 */
export function createLogger(options: LoggerOptions): Logger {
  const now = options.now ?? (() => new Date());
  // Colours only where they reach a terminal, never into a caller's line sink.
  const toLine = options.format === 'pretty' ? prettyLine(options.out === undefined && isColorSupported) : (chunk: string) => chunk;
  const sink = (write: (chunk: string) => void): DestinationStream => ({ write: (chunk) => write(toLine(chunk)) });
  const out = options.out ? lineWriter(options.out) : (chunk: string) => processStdout().write(chunk);
  const err = options.err ? lineWriter(options.err) : (chunk: string) => processStderr().write(chunk);
  const streams = pino.multistream(
    [
      { level: 'info', stream: sink(out) },
      { level: 'warn', stream: sink(err) },
    ],
    // Each line goes to one stream only: the one of the highest level it reaches.
    { dedupe: true },
  );
  const log = pino(
    {
      level: options.level ?? DEFAULT_LEVEL,
      base: undefined,
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    streams,
  );
  return {
    info: (message, fields) => log.info(withoutReserved(fields), message),
    warn: (message, fields) => log.warn(withoutReserved(fields), message),
    error: (message, error, fields) =>
      log.error(error === undefined ? withoutReserved(fields) : { ...withoutReserved(fields), err: errorValue(error) }, message),
  };
}

/**
 * A plain line on stdout, in order with the log lines written there (same destination): the
 * `realtime listening on …` line tooling waits for.
 */
export function printLine(line: string): void {
  processStdout().write(`${line}\n`);
}

/** `REALTIME_LOG_FORMAT` wins; otherwise a terminal gets `pretty` and a pipe or file gets `json`. */
export function chooseLogFormat(requested: string | undefined, isTty: boolean): LogFormat {
  const value = requested?.trim().toLowerCase();
  if (value === 'json' || value === 'pretty') return value;
  return isTty ? 'pretty' : 'json';
}

/** `REALTIME_LOG_LEVEL`: unset means `info`; anything but a known level is a ConfigError. */
export function chooseLogLevel(requested: string | undefined): LogLevel {
  const value = requested?.trim().toLowerCase();
  if (value === undefined || value === '') return DEFAULT_LEVEL;
  const level = LOG_LEVELS.find((candidate) => candidate === value);
  if (!level) throw new ConfigError(`invalid realtime config: REALTIME_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(requested)})`);
  return level;
}

/**
 * Every line carries the node's current id in `node` (read per line: a cluster node's id changes when
 * it rejoins). Nothing is added while the id is not known yet.
 */
export function withNodeId(logger: Logger, nodeId: () => string | undefined): Logger {
  const withNode = (fields: LogFields | undefined): LogFields | undefined => {
    const node = nodeId();
    return node === undefined ? fields : { node, ...fields };
  };
  return {
    info: (message, fields) => logger.info(message, withNode(fields)),
    warn: (message, fields) => logger.warn(message, withNode(fields)),
    error: (message, error, fields) => logger.error(message, error, withNode(fields)),
  };
}

let defaultLogger: Logger | null = null;

/** The default logger of the process (main.ts makes its own according to the environment). Made on first use. */
export const consoleLogger: Logger = {
  info: (message, fields) => processLogger().info(message, fields),
  warn: (message, fields) => processLogger().warn(message, fields),
  error: (message, error, fields) => processLogger().error(message, error, fields),
};

/** For tests: keeps errors visible (they are bugs) but drops the chatter. */
export const quietLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message, error) => console.error(`error: ${message}`, ...(error === undefined ? [] : [error])),
};

function processLogger(): Logger {
  defaultLogger ??= createLogger({ format: chooseLogFormat(process.env.REALTIME_LOG_FORMAT, process.stdout.isTTY === true) });
  return defaultLogger;
}

let stdoutDestination: DestinationStream | null = null;
let stderrDestination: DestinationStream | null = null;

/**
 * One asynchronous pino destination per file descriptor, shared by every logger of the process.
 * pino flushes them synchronously when the process exits (`process.exit`, end of the event loop,
 * an uncaught exception), so the last lines before exiting are not lost.
 */
function processStdout(): DestinationStream {
  stdoutDestination ??= pino.destination({ dest: STDOUT_FD, sync: false });
  return stdoutDestination;
}

function processStderr(): DestinationStream {
  stderrDestination ??= pino.destination({ dest: STDERR_FD, sync: false });
  return stderrDestination;
}

function lineWriter(write: (line: string) => void): (chunk: string) => void {
  return (chunk) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk);
}

function prettyLine(colorize: boolean): (chunk: string) => string {
  return prettyFactory({
    colorize,
    translateTime: 'HH:MM:ss.l',
    ignore: 'node',
    // The node id leads the message; the other fields follow on the same line.
    messageFormat: '{if node}[{node}] {end}{msg}',
    singleLine: true,
  });
}

function withoutReserved(fields: LogFields | undefined): LogFields {
  if (fields === undefined) return {};
  if (!Object.keys(fields).some((key) => RESERVED_KEYS.has(key))) return fields;
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !RESERVED_KEYS.has(key)));
}

/** An Error goes to pino's serializer (type, message, stack, cause); anything else thrown becomes a message. */
function errorValue(error: unknown): Error | LogFields {
  return error instanceof Error ? error : { message: String(error) };
}
