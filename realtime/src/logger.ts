export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(`warn: ${message}`),
  error: (message, error) => console.error(`error: ${message}`, ...(error === undefined ? [] : [error])),
};

/** For tests: keeps errors visible (they are bugs) but drops the chatter. */
export const quietLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message, error) => console.error(`error: ${message}`, ...(error === undefined ? [] : [error])),
};
