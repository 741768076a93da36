/**
 * moto's server (an independent implementation of AWS APIs, https://github.com/getmoto/moto) for
 * the ConnectInstance lifecycle test: finds `moto_server`, starts it on a free loopback port, talks
 * to it directly (to read moto's own state), and puts it behind a {@link FakeAws} so that the
 * handler's Connect calls reach moto while the ResponseURL and Lambda's Invoke stay on the fake.
 *
 * Where moto (pinned: see MOTO_VERSION) differs from AWS's documentation, and what this module
 * does about it — adaptations live here, in the test, never in the handler:
 *  1. DescribeInstance answers `CreatedTime` as ISO-8601 text ("2026-12-01T22:43:31.891954+00:00").
 *     Connect is restJson1 with no timestampFormat trait, so AWS sends epoch seconds (a JSON number)
 *     and the JS SDK fails to parse moto's text ("Expected real number, got implicit NaN"). No moto
 *     option changes it: the forwarder rewrites that one field to epoch seconds.
 *  2. UpdateInstanceAttribute, DescribeInstanceAttribute and ListInstanceAttributes are not
 *     implemented at all (moto answers a Flask "404 Not Found" HTML page for every
 *     InstanceAttributeType). A small stand-in here answers them (see {@link InstanceAttributes});
 *     attribute checks therefore check the stand-in, not moto.
 *  3. CreateInstance ignores ClientToken (the same token makes a second instance), never validates
 *     InstanceAlias (accepts "d-…" and duplicates), and a new instance is ACTIVE at once (no
 *     CREATION_IN_PROGRESS / CREATION_FAILED): idempotency, alias rules and the wait are not
 *     exercised by moto; the FakeConnect lifecycle test covers them.
 *  4. DescribeInstance's `Tags` is the create-time map: TagResource / UntagResource change only
 *     what ListTagsForResource answers. Tags outlive DeleteInstance, and TagResource on an unknown
 *     ARN succeeds (AWS: ResourceNotFoundException).
 *  5. Every account is 123456789012; request signatures are not checked.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { AwsError, type FakeAws, type FakeRequest } from './fake-aws';
import { ROOT } from './cloudformation';
import { INSTANCE_ATTRIBUTE_TYPES, REGION } from './fake-connect';

/** The moto version .ci/run installs (into .venv-moto). */
export const MOTO_VERSION = '5.2.5';
/** moto's fixed account id. */
export const MOTO_ACCOUNT = '123456789012';
/** When set (CI sets it), a missing moto_server fails the test instead of skipping it. */
export const REQUIRE_ENV = 'CONNECT_RESOURCES_REQUIRE_MOTO';

/** Where moto_server is: $MOTO_SERVER, the project's .venv-moto, or PATH; undefined when none runs. */
export function findMotoServer(): string | undefined {
  const candidates = [process.env.MOTO_SERVER, path.join(ROOT, '.venv-moto', 'bin', 'moto_server'), 'moto_server'];
  for (const candidate of candidates) {
    if (!candidate || (candidate.includes('/') && !fs.existsSync(candidate))) continue;
    // pyenv puts shims on PATH even for versions without moto: ask the program itself.
    if (spawnSync(candidate, ['--help'], { stdio: 'ignore', timeout: 30_000 }).status === 0) return candidate;
  }
  return undefined;
}

/** An answer of moto's API, read directly (not through the forwarder). */
export interface MotoAnswer {
  readonly status: number;
  readonly body: any;
  readonly text: string;
}

export class MotoServer {
  /** Starts moto_server on a free loopback port and waits until it answers. */
  public static async start(executable: string): Promise<MotoServer> {
    const port = await freePort();
    const child = spawn(executable, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const moto = new MotoServer(child, `http://127.0.0.1:${port}`);
    child.stdout!.on('data', (d) => (moto.output += d));
    child.stderr!.on('data', (d) => (moto.output += d));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}:\n${moto.output}`);
      try {
        if ((await fetch(`${moto.url}/moto-api/`)).ok) return moto;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await moto.close();
        throw new Error(`moto_server did not answer on ${moto.url} within 30 s:\n${moto.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** What moto_server printed (its request log). */
  public output = '';

  private constructor(private readonly child: ChildProcess, public readonly url: string) {}

  /**
   * Calls moto's Connect API directly. moto reads the service and region from the credential
   * scope of the Authorization header and checks no signature.
   */
  public async connect(method: string, apiPath: string, body?: unknown): Promise<MotoAnswer> {
    const response = await fetch(this.url + apiPath, {
      method,
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKE/20250101/${REGION}/connect/aws4_request, SignedHeaders=host, Signature=0`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: any;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text };
  }

  /** moto's DescribeInstance, as moto answers it (CreatedTime as ISO text). */
  public async describeInstance(id: string): Promise<MotoAnswer> {
    return this.connect('GET', `/instance/${encodeURIComponent(id)}`);
  }

  /** moto's ListTagsForResource: the tag map. */
  public async tags(arn: string): Promise<Record<string, string>> {
    const answer = await this.connect('GET', `/tags/${encodeURIComponent(arn)}`);
    if (answer.status !== 200) throw new Error(`ListTagsForResource ${arn}: ${answer.status} ${answer.text}`);
    return answer.body.tags;
  }

  /** Ids of moto's instances (ListInstances). */
  public async instanceIds(): Promise<string[]> {
    const answer = await this.connect('GET', '/instance?maxResults=100');
    if (answer.status !== 200) throw new Error(`ListInstances: ${answer.status} ${answer.text}`);
    return answer.body.InstanceSummaryList.map((i: { Id: string }) => i.Id);
  }

  /**
   * Serves the handler's Connect operations on `aws` from moto (routes signed for `connect` win
   * over the fakes' own): the moto-backed operations are forwarded, the instance attribute
   * operations answered by the stand-in. Call counts and fault injection of the FakeAws apply.
   */
  public serveConnect(aws: FakeAws): InstanceAttributes {
    const forward = (rewrite?: (body: any) => void) => async (req: FakeRequest) => {
      const answer = await this.forward(req);
      rewrite?.(answer);
      return answer;
    };
    aws.route('PUT', '/instance', 'CreateInstance', forward(), 'connect');
    aws.route('GET', '/instance/{InstanceId}', 'DescribeInstance', forward(epochCreatedTime), 'connect');
    aws.route('DELETE', '/instance/{InstanceId}', 'DeleteInstance', forward(), 'connect');
    aws.route('POST', '/tags/{resourceArn}', 'TagResource', forward(), 'connect');
    aws.route('DELETE', '/tags/{resourceArn}', 'UntagResource', forward(), 'connect');
    aws.route('GET', '/tags/{resourceArn}', 'ListTagsForResource', forward(), 'connect');

    const attributes = new InstanceAttributes((id) => this.describeInstance(id));
    aws.route('POST', '/instance/{InstanceId}/attribute/{AttributeType}', 'UpdateInstanceAttribute', (req) =>
      attributes.update(req.params.InstanceId, req.params.AttributeType, req.body?.Value), 'connect');
    aws.route('GET', '/instance/{InstanceId}/attribute/{AttributeType}', 'DescribeInstanceAttribute', (req) =>
      attributes.describe(req.params.InstanceId, req.params.AttributeType), 'connect');
    aws.route('GET', '/instance/{InstanceId}/attributes', 'ListInstanceAttributes', (req) => attributes.list(req.params.InstanceId), 'connect');
    return attributes;
  }

  public async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  /** Sends a request as the SDK sent it to moto; moto's errors become the FakeAws's AwsErrors. */
  private async forward(req: FakeRequest): Promise<any> {
    const query = req.query.toString();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || ['host', 'content-length', 'connection', 'transfer-encoding'].includes(name)) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const response = await fetch(`${this.url}${req.path}${query ? `?${query}` : ''}`, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
    const text = await response.text();
    let body: any;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = undefined;
    }
    if (response.status >= 300) {
      const type = response.headers.get('x-amzn-errortype')?.split(':')[0] ?? body?.__type ?? `HTTP${response.status}`;
      throw new AwsError(type, body?.message ?? body?.Message ?? text.slice(0, 200), response.status);
    }
    if (body === undefined) throw new AwsError('InternalServiceException', `moto answered non-JSON: ${text.slice(0, 200)}`, 500);
    return { status: response.status, ...body };
  }
}

/** moto difference 1: ISO-8601 CreatedTime → epoch seconds, as AWS's restJson1 sends it. */
function epochCreatedTime(answer: any): void {
  const instance = answer?.Instance;
  if (typeof instance?.CreatedTime === 'string') instance.CreatedTime = Date.parse(instance.CreatedTime) / 1000;
}

/**
 * moto difference 2: the instance attribute operations, which moto lacks, answered here. The
 * instance must exist in moto (else ResourceNotFoundException, as AWS answers); INBOUND_CALLS and
 * OUTBOUND_CALLS start from moto's DescribeInstance flags; an unknown type is rejected the way
 * AWS's validation does. Values are kept here only: moto's DescribeInstance keeps its create-time
 * InboundCallsEnabled / OutboundCallsEnabled.
 */
export class InstanceAttributes {
  private readonly values = new Map<string, Map<string, string>>();

  constructor(private readonly describeInMoto: (id: string) => Promise<MotoAnswer>) {}

  public async update(id: string, type: string, value: unknown) {
    const values = await this.of(id, type);
    if (typeof value !== 'string') throw new AwsError('InvalidParameterException', 'Value is required');
    values.set(type, value);
    return {};
  }

  public async describe(id: string, type: string) {
    const values = await this.of(id, type);
    return { Attribute: { AttributeType: type, Value: values.get(type) } };
  }

  public async list(id: string) {
    const values = await this.of(id);
    return { Attributes: [...values].map(([AttributeType, Value]) => ({ AttributeType, Value })) };
  }

  private async of(id: string, type?: string): Promise<Map<string, string>> {
    if (type !== undefined && !(INSTANCE_ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
      throw new AwsError('ValidationException', `1 validation error detected: Value '${type}' at 'attributeType' failed to satisfy constraint`);
    }
    const answer = await this.describeInMoto(id);
    if (answer.status !== 200) {
      this.values.delete(id);
      throw new AwsError('ResourceNotFoundException', answer.body?.message ?? `instance ${id} not found`, 404);
    }
    let values = this.values.get(id);
    if (!values) {
      const instance = answer.body.Instance;
      values = new Map([
        ['INBOUND_CALLS', String(instance.InboundCallsEnabled)],
        ['OUTBOUND_CALLS', String(instance.OutboundCallsEnabled)],
      ]);
      this.values.set(id, values);
    }
    return values;
  }
}

/** A port free on the loopback interface right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
