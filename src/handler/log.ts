import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Structured JSON log lines. Callers pass only the fields below: never the ResponseURL (a
 * pre-signed secret), client tokens or whole property sets.
 */
export interface LogFields {
  readonly requestType?: string;
  readonly resourceType?: string;
  readonly logicalId?: string;
  readonly physicalId?: string;
  readonly requestId?: string;
  readonly operation?: string;
  readonly attempt?: number;
  readonly durationMs?: number;
  /** A pause before the next step. */
  readonly waitMs?: number;
  /** How long ago CloudFormation sent the request (queued in Lambda, retried, handed over). */
  readonly ageMs?: number;
  readonly status?: string;
  readonly reason?: string;
  readonly error?: string;
  /** Why an event was not acted on. */
  readonly refused?: string;
}

/** A logger bound to the fields of one event. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Longest string field in a log line: fields may come from hostile events (a 100 KB logical id). */
const MAX_FIELD_CHARS = 256;

export function createLogger(base: LogFields): Logger {
  const write = (level: string, message: string, fields?: LogFields) =>
    console.log(JSON.stringify({ level, message, ...base, ...fields }, (_key, value) => (typeof value === 'string' && value.length > MAX_FIELD_CHARS ? `${value.slice(0, MAX_FIELD_CHARS)}...` : value)));
  return {
    info: (message, fields) => write('INFO', message, fields),
    warn: (message, fields) => write('WARN', message, fields),
    error: (message, fields) => write('ERROR', message, fields),
  };
}

/** The logger of the event being handled, for code that is not handed one (the SDK middleware). */
export const logContext = new AsyncLocalStorage<Logger>();
