/**
 * Plays CloudFormation for the lifecycle tests: builds custom-resource events the way
 * CloudFormation sends them (every scalar property a string), runs the built handler bundle in a
 * fresh Node.js process per invocation (as Lambda does), runs any continuation the handler hands
 * over, and collects the answers the handler PUTs to the ResponseURL.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { FakeAws } from './fake-aws';
import { ACCOUNT, REGION } from './fake-connect';

import * as fs from 'node:fs';

/** The project root: the nearest folder up with a package.json (this file also runs bundled, from .bench/). */
export const ROOT = (function findRoot(dir: string): string {
  return fs.existsSync(path.join(dir, 'package.json')) ? dir : findRoot(path.dirname(dir));
})(__dirname);
/** Runs the handler bundle once in a fresh process, as Lambda would (see invoke-handler.mjs). */
export const INVOKER = path.join(ROOT, 'test', 'support', 'invoke-handler.mjs');
export const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ConnectResourcesHandler`;
/** Part of every ResponseURL: a stand-in for the pre-signed URL's signature, which must never be logged. */
/** A guard against a handler that keeps handing over without progress. */
const MAX_INVOCATIONS = 20;
export const RESPONSE_URL_SECRET = 'X-Amz-Signature=0123456789abcdef';

export interface CfnEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ServiceToken: string;
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  ResourceType: string;
  ResourceProperties: Record<string, unknown>;
  OldResourceProperties?: Record<string, unknown>;
  PhysicalResourceId?: string;
}

/** Options of one delivery. */
export interface DeliveryOptions {
  /**
   * What `getRemainingTimeInMillis()` reports at the start of the first invocation. Continuations
   * get the full 300 s, as a fresh Lambda invocation does.
   */
  readonly remainingMs?: number;
  /** Kill the handler process when an operation with a 'crash-after' fault was carried out. */
  readonly crashable?: boolean;
  /** Kill the handler process after this long (ms), as Lambda ends an invocation at the function's timeout. */
  readonly killAfterMs?: number;
}

/** What came of delivering one event. */
export interface Delivery {
  /** Every answer PUT to the event's ResponseURL (exactly one, when all is well). */
  readonly answers: any[];
  /**
   * The single answer; throws when there were none, or several that differ. The same answer PUT
   * again — the handler retries a PUT whose reply did not come within its time, and a loopback
   * fake starved of CPU by hundreds of handler processes may record it and reply too late — is
   * one answer: the ResponseURL is a pre-signed S3 object URL, and S3 stores the same object again.
   */
  readonly answer: any;
  /** PUTs of the single answer beyond the first (see {@link answer}). */
  readonly repeatedAnswers: number;
  /** Log lines of every invocation. */
  readonly logs: string[];
  /** How many invocations it took (continuations included). */
  readonly invocations: number;
  /** Exit codes of the handler processes. */
  readonly exitCodes: (number | null)[];
}

export class CloudFormation {
  public readonly stackId = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/ContactCenter/${randomUUID()}`;
  /** The handler's clock: the machine's, or a faster one the environment sets (see {@link fastClock}). */
  private readonly now: () => number;

  constructor(private readonly aws: FakeAws, private readonly env: Record<string, string> = {}) {
    this.now = env.TIME_SCALE ? clockOf(Number(env.TIME_SCALE), Number(env.TIME_BASE)) : Date.now;
  }

  /** A Create event for the given (typed) properties. */
  public createEvent(logicalId: string, resourceType: string, props: Record<string, unknown>): CfnEvent {
    return this.event('Create', logicalId, resourceType, props);
  }

  public updateEvent(logicalId: string, resourceType: string, physicalId: string, props: Record<string, unknown>, oldProps: Record<string, unknown>): CfnEvent {
    return { ...this.event('Update', logicalId, resourceType, props), PhysicalResourceId: physicalId, OldResourceProperties: asDelivered(oldProps) };
  }

  public deleteEvent(logicalId: string, resourceType: string, physicalId: string, props: Record<string, unknown>): CfnEvent {
    return { ...this.event('Delete', logicalId, resourceType, props), PhysicalResourceId: physicalId };
  }

  /** Delivers an event: one invocation, then every continuation it hands over, until none is left. */
  public async deliver(event: CfnEvent, options: DeliveryOptions = {}): Promise<Delivery> {
    const logs: string[] = [];
    const exitCodes: (number | null)[] = [];
    let payload: unknown = event;
    let invocations = 0;
    while (payload !== undefined) {
      if (++invocations > MAX_INVOCATIONS) throw new Error(`more than ${MAX_INVOCATIONS} invocations for one event:\n${logs.join('\n')}`);
      const run = await this.invoke(payload, invocations === 1 ? options : { ...options, remainingMs: undefined });
      logs.push(...run.logs);
      exitCodes.push(run.exitCode);
      const next = this.aws.invocations.findIndex((p) => p.RequestId === event.RequestId);
      if (next >= 0) payload = this.aws.invocations.splice(next, 1)[0];
      else payload = undefined;
    }
    const answers = this.aws.answers.get(event.RequestId) ?? [];
    return {
      answers,
      get answer() {
        const distinct = new Set(answers.map((a) => JSON.stringify(a)));
        if (distinct.size !== 1) throw new Error(`expected exactly one answer, got ${distinct.size} different ones in ${answers.length} PUTs:\n${logs.join('\n')}`);
        return answers[0];
      },
      repeatedAnswers: Math.max(0, answers.length - 1),
      logs,
      invocations,
      exitCodes,
    };
  }

  /** Runs the handler bundle once in a fresh process. */
  public invoke(payload: unknown, options: DeliveryOptions = {}): Promise<{ logs: string[]; exitCode: number | null }> {
    const child = spawn(process.execPath, [INVOKER], {
      cwd: ROOT,
      env: {
        ...handlerEnvironment(this.aws.url),
        HANDLER_EVENT: JSON.stringify(payload),
        REMAINING_MS: String(options.remainingMs ?? 300_000),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (options.crashable) this.aws.onCrash = () => child.kill('SIGKILL');
    const timeout = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    return new Promise((resolve) => {
      child.on('close', (exitCode) => {
        clearTimeout(timeout);
        resolve({ logs: out.split('\n').filter(Boolean), exitCode });
      });
    });
  }

  private event(requestType: CfnEvent['RequestType'], logicalId: string, resourceType: string, props: Record<string, unknown>): CfnEvent {
    const requestId = randomUUID();
    return {
      RequestType: requestType,
      ServiceToken: FUNCTION_ARN,
      ResponseURL: responseUrl(this.aws.url, requestId, new Date(this.now())),
      StackId: this.stackId,
      RequestId: requestId,
      LogicalResourceId: logicalId,
      ResourceType: resourceType,
      ResourceProperties: asDelivered({ ServiceToken: FUNCTION_ARN, ...props }),
    };
  }
}

/**
 * A clock `scale` times faster than the machine's from now on, and the environment that gives
 * handler processes the same clock (invoke-handler.mjs): long waits of the handler's own logic,
 * run in less real time.
 */
export function fastClock(scale: number): { readonly env: Record<string, string>; now(): number } {
  const base = Date.now();
  return { env: { TIME_SCALE: String(scale), TIME_BASE: String(base) }, now: clockOf(scale, base) };
}

function clockOf(scale: number, base: number): () => number {
  return () => Math.round(base + (Date.now() - base) * scale);
}

/**
 * A ResponseURL as CloudFormation makes them: pre-signed with Signature Version 4, so it carries
 * its signing time (X-Amz-Date, when CloudFormation sent the request) and lifetime.
 */
export function responseUrl(base: string, requestId: string, sentAt = new Date()): string {
  const amzDate = sentAt.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `${base}/__cfn/${requestId}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${amzDate}&X-Amz-Expires=7200&${RESPONSE_URL_SECRET}`;
}

/** The environment of a handler process: fake credentials, the region, every endpoint on the fake. */
export function handlerEnvironment(endpointUrl: string): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake-secret',
    AWS_ENDPOINT_URL: endpointUrl,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    FUNCTION_ARN,
    // The loopback fake also plays CloudFormation's ResponseURL host; the handler answers only
    // hosts it is told to trust besides amazonaws.com ones.
    CONNECT_RESOURCES_EXTRA_RESPONSE_HOSTS: new URL(endpointUrl).host,
  };
}

/** Properties as CloudFormation delivers them: every scalar turned into a string. */
export function asDelivered(value: any): any {
  if (Array.isArray(value)) return value.map(asDelivered);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asDelivered(v)]));
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return value;
}
