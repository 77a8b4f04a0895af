/** Structured context of a log line (JSON fields in `json` format, `key=value` pairs in `pretty`). */
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, error?: unknown, fields?: LogFields): void;
}

export type LogLevel = 'info' | 'warn' | 'error';
/** `json`: one JSON object per line (for log shippers); `pretty`: one readable line (for terminals). */
export type LogFormat = 'json' | 'pretty';
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

export interface LoggerOptions {
  format: LogFormat;
  /** Where info lines go (default: stdout). */
  out?: (line: string) => void;
  /** Where warn and error lines go (default: stderr). */
  err?: (line: string) => void;
  now?: () => Date;
}

const writeStdout = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const writeStderr = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** A logger writing one line per call, in JSON or human-readable form. */
export function createLogger(options: LoggerOptions): Logger {
  const out = options.out ?? writeStdout;
  const err = options.err ?? writeStderr;
  const now = options.now ?? (() => new Date());
  const format = options.format === 'json' ? formatJson : formatPretty;
  const write = (level: LogLevel, message: string, fields: LogFields | undefined, error?: unknown): void => {
    const merged = error === undefined ? fields : { ...fields, err: describeError(error) };
    (level === 'info' ? out : err)(format(now(), level, message, merged));
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, error, fields) => write('error', message, fields, error),
  };
}

/** `REALTIME_LOG_FORMAT` wins; otherwise a terminal gets `pretty` and a pipe or file gets `json`. */
export function chooseLogFormat(requested: string | undefined, isTty: boolean): LogFormat {
  const value = requested?.trim().toLowerCase();
  if (value === 'json' || value === 'pretty') return value;
  return isTty ? 'pretty' : 'json';
}

/** The default logger of the process (main.ts replaces it according to the environment). */
export const consoleLogger: Logger = createLogger({ format: chooseLogFormat(process.env.REALTIME_LOG_FORMAT, process.stdout.isTTY === true) });

/** For tests: keeps errors visible (they are bugs) but drops the chatter. */
export const quietLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message, error) => console.error(`error: ${message}`, ...(error === undefined ? [] : [error])),
};

function formatJson(time: Date, level: LogLevel, message: string, fields: LogFields | undefined): string {
  // Fixed keys first; a field never overwrites them.
  return safeStringify({ ...fields, time: time.toISOString(), level, msg: message });
}

function formatPretty(time: Date, level: LogLevel, message: string, fields: LogFields | undefined): string {
  const prefix = level === 'info' ? '' : `${level}: `;
  const { err, ...rest } = fields ?? {};
  const context = Object.entries(rest).map(([key, value]) => ` ${key}=${prettyValue(value)}`).join('');
  const detail = err === undefined ? '' : `\n  ${String((err as LogFields).stack ?? (err as LogFields).message)}`;
  return `${time.toISOString().slice(11, 23)} ${prefix}${message}${context}${detail}`;
}

function prettyValue(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  return safeStringify(value);
}

function describeError(error: unknown): LogFields {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { message: String(error) };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return JSON.stringify({ unserializable: String(value) });
  }
}
