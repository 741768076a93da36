/**
 * A loopback stand-in for the AWS endpoints the handler talks to, started by the tests.
 *
 * One HTTP server speaks both wire protocols the handler's SDK clients use — restJson1 (routes
 * by method and path, as Connect and Cases) and awsJson1_0 (routes by X-Amz-Target, as Partner
 * Central) — plus the two things around them: CloudFormation's ResponseURL (answers are recorded
 * per request) and Lambda's Invoke (continuations are queued for the driver to run).
 *
 * Service fakes register operations on it; faults can be queued per operation.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as an operation handler sees it. */
export interface FakeRequest {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: any;
  /** When the request arrived (epoch ms). */
  readonly at: number;
}

/** A service error, answered the way AWS answers it. */
export class AwsError extends Error {
  constructor(public readonly type: string, message: string, public readonly status = 400) {
    super(message);
  }
}

/**
 * What can go wrong with one call:
 * - '500': InternalServiceException, nothing done;
 * - '400': InvalidRequestException (not retried), nothing done;
 * - 'throttle': ThrottlingException (HTTP 429), nothing done;
 * - 'reset-after': the operation is carried out, then the connection is dropped before any answer;
 * - 'crash-after': the operation is carried out, then `onCrash` runs (the driver kills the handler);
 * - 'slow': the operation is carried out and answered after `SLOW_MS`;
 * - 'hang': the request is accepted and never answered, nothing done;
 * - '403': AccessDenied (HTTP 403), nothing done — what S3 answers to an expired pre-signed URL;
 * - an AwsError: answered as that error, nothing done.
 */
export type Fault = '500' | '400' | 'throttle' | 'reset-after' | 'crash-after' | 'slow' | 'hang' | '403' | AwsError;

/** How long a 'slow' call takes. */
export const SLOW_MS = 5_000;

type Handler = (req: FakeRequest) => unknown;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: string[];
  readonly operation: string;
  readonly handler: Handler;
  readonly service?: string;
}

export class FakeAws {
  /** Starts a fake on a free loopback port. */
  public static async start(): Promise<FakeAws> {
    const fake = new FakeAws();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Every operation call that reached a handler (faulted ones included), in order. */
  public readonly calls: FakeRequest[] = [];
  /** CloudFormation answers by RequestId. */
  public readonly answers = new Map<string, any[]>();
  /** Payloads of asynchronous Lambda invocations not yet run by the driver. */
  public readonly invocations: any[] = [];
  /** Called after an operation with a 'crash-after' fault was carried out. */
  public onCrash: () => void = () => undefined;
  /** When set, takes each asynchronous Invoke instead of {@link invocations} (a model of Lambda's queue). */
  public onInvoke?: (payload: any) => void;
  /** When set, is told of each answer PUT to a ResponseURL (after it is recorded in {@link answers}). */
  public onAnswer?: (requestId: string, answer: any) => void;
  /**
   * Requests per second each operation allows before it answers ThrottlingException (0 = no
   * limit). Throttling is a token bucket, as Connect documents its API quotas: a steady-state rate
   * that refills the bucket and a burst that is the bucket's size, the bucket full to begin with
   * (Amazon Connect API Reference, "Best practices for using Amazon Connect APIs", Throttling).
   */
  public readonly rateLimits = new Map<string, number>();
  /**
   * The burst (bucket size) of an operation with a rate limit. Without one, the bucket holds one
   * second's worth of requests (the tests set the documented bursts: Connect's default 5, Cases'
   * CreateCase 10).
   */
  public readonly burstLimits = new Map<string, number>();
  /** Calls answered ThrottlingException because of a rate limit, per operation. */
  public readonly throttled = new Map<string, number>();

  private readonly routes: Route[] = [];
  private readonly targets = new Map<string, { operation: string; handler: Handler }>();
  private readonly faults = new Map<string, (Fault | AwsError)[]>();
  private readonly taggables: ((arn: string) => Record<string, string> | undefined)[] = [];
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly server = http.createServer((req, res) => void this.serve(req, res));

  private constructor() {
    this.route('PUT', '/__cfn/{RequestId}', 'CloudFormationAnswer', (req) => {
      const list = this.answers.get(req.params.RequestId) ?? [];
      list.push(req.body);
      this.answers.set(req.params.RequestId, list);
      this.onAnswer?.(req.params.RequestId, req.body);
      return {};
    });
    this.route('POST', '/2015-03-31/functions/{FunctionName}/invocations', 'Invoke', (req) => {
      if (req.headers['x-amz-invocation-type'] !== 'Event') throw new AwsError('InvalidRequestContentException', 'only Event invocations are faked');
      if (this.onInvoke) this.onInvoke(req.body);
      else this.invocations.push(req.body);
      return { status: 202 };
    });
  }

  /** The endpoint URL to give the SDK (AWS_ENDPOINT_URL). */
  public get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * Registers a restJson1 operation: `pattern` uses the API's `{Label}` path syntax. With `service`
   * (the SigV4 signing name), the route serves only requests signed for that service and wins over
   * routes without one: Connect and Cases both serve `/tags/{arn}`.
   */
  public route(method: string, pattern: string, operation: string, handler: Handler, service?: string): void {
    const names: string[] = [];
    const source = pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, operation, handler, service });
  }

  /**
   * Makes a service fake's resources taggable through Connect's TagResource / UntagResource
   * (`/tags/{resourceArn}`), which every Connect resource type shares: `find` returns the tag map
   * of the resource with the given ARN, or undefined when it is not one of the fake's.
   */
  public taggable(find: (arn: string) => Record<string, string> | undefined): void {
    if (this.taggables.length === 0) {
      const tagsOf = (arn: string) => {
        for (const lookup of this.taggables) {
          const tags = lookup(arn);
          if (tags) return tags;
        }
        throw new AwsError('ResourceNotFoundException', `${arn} not found`, 404);
      };
      this.route('POST', '/tags/{resourceArn}', 'TagResource', (req) => {
        Object.assign(tagsOf(req.params.resourceArn), req.body.tags);
        return {};
      });
      this.route('DELETE', '/tags/{resourceArn}', 'UntagResource', (req) => {
        const tags = tagsOf(req.params.resourceArn);
        for (const key of req.query.getAll('tagKeys')) delete tags[key];
        return {};
      });
    }
    this.taggables.push(find);
  }

  /** Registers an awsJson1_0 operation by its X-Amz-Target (`Service.Operation`). */
  public target(target: string, handler: Handler): void {
    this.targets.set(target, { operation: target.split('.').pop()!, handler });
  }

  /**
   * Queues faults for the next calls of an operation (one fault per call, in order). An AwsError
   * is answered as given, nothing done: a service refusing with a message of its own.
   */
  public inject(operation: string, ...faults: (Fault | AwsError)[]): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), ...faults]);
  }

  /** Drops the faults still queued for an operation. */
  public clearFaults(operation: string): void {
    this.faults.delete(operation);
  }

  /** How many calls of the operation reached the fake. */
  public count(operation: string): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  public async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = this.match(req.method ?? 'GET', url.pathname, req.headers['x-amz-target'] as string | undefined, signingService(req.headers));
    const awsJson = req.headers['x-amz-target'] !== undefined;
    if (!match) return reply(res, 404, { __type: 'UnknownOperationException', message: `no fake for ${req.method} ${url.pathname}` });

    const request: FakeRequest = {
      operation: match.operation,
      method: req.method ?? 'GET',
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      body: parse(text),
      at: Date.now(),
    };
    this.calls.push(request);

    const fault = this.faults.get(match.operation)?.shift();
    if (fault instanceof AwsError) return replyError(res, fault, awsJson);
    if (fault === 'hang') return;
    if (fault === '403') return replyError(res, new AwsError('AccessDenied', 'Request has expired', 403), awsJson);
    if (fault === '500') return replyError(res, new AwsError('InternalServiceException', 'injected failure', 500), awsJson);
    if (fault === '400') return replyError(res, new AwsError('InvalidRequestException', 'injected invalid request', 400), awsJson);
    if (fault === 'throttle' || this.overRate(match.operation)) {
      return replyError(res, new AwsError('ThrottlingException', 'Rate exceeded', 429), awsJson);
    }
    if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    let result: unknown;
    try {
      result = await match.handler(request);
    } catch (error) {
      if (error instanceof AwsError) return replyError(res, error, awsJson);
      return replyError(res, new AwsError('InternalServiceException', String(error), 500), awsJson);
    }
    if (fault === 'reset-after') return void req.socket.destroy();
    if (fault === 'crash-after') {
      this.onCrash();
      return void req.socket.destroy();
    }
    const { status, ...body } = (result ?? {}) as { status?: number };
    reply(res, status ?? 200, body);
  }

  private match(method: string, path: string, target: string | undefined, service: string | undefined) {
    if (target !== undefined) {
      const t = this.targets.get(target);
      return t && { operation: t.operation, handler: t.handler, params: {} as Record<string, string> };
    }
    const routes = [...this.routes.filter((r) => r.service !== undefined && r.service === service), ...this.routes.filter((r) => r.service === undefined)];
    for (const route of routes) {
      const m = route.method === method ? route.pattern.exec(path) : null;
      if (!m) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(m[i + 1])]));
      return { operation: route.operation, handler: route.handler, params };
    }
    return undefined;
  }

  /** Takes a token from the operation's bucket, when it has a rate limit; true when there was none left. */
  private overRate(operation: string): boolean {
    const rate = this.rateLimits.get(operation);
    if (!rate) return false;
    const burst = this.burstLimits.get(operation) ?? rate;
    const now = Date.now();
    const bucket = this.buckets.get(operation) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(operation, bucket);
    if (bucket.tokens < 1) {
      this.throttled.set(operation, (this.throttled.get(operation) ?? 0) + 1);
      return true;
    }
    bucket.tokens -= 1;
    return false;
  }

}

/** The service a request is signed for: `Credential=<key>/<date>/<region>/<service>/aws4_request`. */
function signingService(headers: http.IncomingHttpHeaders): string | undefined {
  return /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(headers.authorization ?? '')?.[1];
}

function parse(text: string): any {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function replyError(res: http.ServerResponse, error: AwsError, awsJson: boolean): void {
  const text = JSON.stringify({ __type: error.type, message: error.message });
  res.writeHead(error.status, {
    'content-type': awsJson ? 'application/x-amz-json-1.0' : 'application/json',
    'x-amzn-errortype': error.type,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
