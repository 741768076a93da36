/**
 * A whole deploy as CloudFormation and Lambda run it, for the tests and `npm run bench`.
 *
 * The custom resources of a synthesized template are deployed against the loopback fakes, with
 * the built handler bundle running as one Node.js process per invocation. Around it, the model
 * plays the two systems a real deploy runs in, as their documentation describes them (what it
 * assumes is said so):
 *
 * - **CloudFormation** sends a resource's request once everything it depends on (DependsOn, Ref,
 *   Fn::GetAtt) is complete (the model reads DependsOn among the custom resources; their
 *   properties are literal), about a second later (assumed); independent resources are sent together. It
 *   invokes the function asynchronously, signs the ResponseURL when it sends the request, waits
 *   for the answer until the resource's ServiceTimeout, and stops sending new requests once a
 *   resource has failed ("Using Lambda with CloudFormation", Lambda developer guide; "DependsOn
 *   attribute", CloudFormation user guide; crpg-ref-requests). Rollback is not modelled.
 * - **Lambda's asynchronous queue**: an event waits for a free execution of the account's
 *   concurrency; an event older than the function's MaximumEventAgeInSeconds is discarded
 *   unanswered; an invocation that fails (the process exits non-zero or is killed at the
 *   function's timeout) is retried MaximumRetryAttempts times, about one and two minutes later,
 *   its age counted from the first try; the handler's hand-over (an Invoke of type Event) is a new
 *   event in the same queue ("Asynchronous invocation", "Error handling", Lambda developer guide).
 *
 * The function's timeout, event age and retries are read from the template, as deployed.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { Case, ConnectInstance, ConnectResourcesHandler, ConnectResourcesHandlerOptions, ContactFlowVersion } from '../../src';
import { CloudFormation, fastClock } from './cloudformation';
import { FakeAws } from './fake-aws';
import { FakeCases } from './fake-cases';
import { ACCOUNT, REGION } from './fake-connect';
import { FakeFlowVersions } from './fake-flow-versions';

/** A resource type a deploy is made of, with what its fake needs. */
export interface DeployKind {
  readonly resourceType: string;
  /** The create operation the fake rate-limits. */
  readonly operation: string;
  /** Registers the service fake and what `count` resources need; returns how to add one to a stack and count what exists. */
  setUp(aws: FakeAws, count: number): { add(scope: Construct, id: string, i: number): void; resources(): number };
}

const DOMAIN = '0e6f2c1a-7d4b-4c55-9a61-5b1f0c2d3e4f';
const TEMPLATE = 'b3c9e1d2-aaaa-4bbb-8ccc-111122223333';
const PROFILE = `arn:aws:profile:${REGION}:${ACCOUNT}:domains/support-customers/profiles/3f1e2d3c4b5a`;
const INSTANCE = '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab';
const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${INSTANCE}`;

/** Cases: CreateCase, 2/s with a burst of 10 by default. */
export const CASES: DeployKind = {
  resourceType: 'Custom::ConnectCase',
  operation: 'CreateCase',
  setUp: (aws) => {
    const cases = new FakeCases(aws);
    cases.addDomain(DOMAIN, TEMPLATE);
    return {
      add: (scope, id, i) =>
        new Case(scope, id, { domain: DOMAIN, template: TEMPLATE, title: `Refund ${i}`, customer: PROFILE }),
      resources: () => cases.cases.size,
    };
  },
};

/** Flow versions: CreateContactFlowVersion, one campaign flow each, 2/s with a burst of 5 by default. */
export const FLOW_VERSIONS: DeployKind = {
  resourceType: 'Custom::ConnectFlowVersion',
  operation: 'CreateContactFlowVersion',
  setUp: (aws, count) => {
    const fake = new FakeFlowVersions(aws);
    const flows = Array.from({ length: count }, () => fake.addFlow({ instanceId: INSTANCE }));
    return {
      add: (scope, id, i) => {
        const instance = ConnectInstance.fromInstanceArn(scope, `${id}Instance`, INSTANCE_ARN);
        new ContactFlowVersion(scope, id, { instance, contactFlow: flows[i].Arn, description: `Campaign ${i}` });
      },
      resources: () => flows.reduce((n, flow) => n + fake.live(flow).length, 0),
    };
  },
};

/** The account and the function around the handler. */
export interface RuntimeOptions {
  /** Concurrent executions the account leaves the handler (the contact center's own functions share the rest). */
  readonly concurrency: number;
  /** CloudFormation's pause between a resource's dependencies completing and its request (ms; default 1000). */
  readonly dispatchDelayMs?: number;
  /** Lambda's pauses before the retries of a failed invocation (ms; default one and two minutes). */
  readonly retryDelaysMs?: readonly number[];
  /** Environment of every handler process, besides the fakes' (the template's own is not read). */
  readonly env?: Record<string, string>;
  /**
   * Runs the handler processes' clocks this many times faster than the machine's (see
   * invoke-handler.mjs): the function's timeout and the ServiceTimeout are then read on their
   * clock; the model's own pauses and the fakes keep the machine's (default 1).
   */
  readonly timeScale?: number;
  /**
   * Keeps running what Lambda still holds once CloudFormation is done — queued events, retries
   * and hand-overs, duplicates included — until nothing is left, as Lambda would (default false).
   */
  readonly drain?: boolean;
}

/** What happened to one resource. */
export interface ModelledResource {
  readonly logicalId: string;
  /**
   * CloudFormation's verdict: complete, failed (a FAILED answer), timed out (no answer within the
   * ServiceTimeout), lost (its event was discarded: it would time out), or never sent.
   */
  status: 'waiting' | 'sent' | 'complete' | 'failed' | 'timed out' | 'lost';
  requestId?: string;
  /** Every answer PUT for its request, repeats included. */
  readonly answers: any[];
}

/** How a deploy went. */
export interface DeployResult {
  /** The stack's id, as its events carried it. */
  readonly stackId: string;
  readonly resources: ModelledResource[];
  /** From the first request sent to the last resource's end (s). */
  readonly seconds: number;
  /** Events Lambda discarded for their age, unanswered. */
  readonly discarded: number;
  /** The most executions running at once. */
  readonly peakExecutions: number;
  /** Execution time, all invocations added up (s): what the deploy took from the account's concurrency. */
  readonly executionSeconds: number;
  /** Invocations, retries and hand-overs included. */
  readonly invocations: number;
}

/** A stack of `count` resources of one kind, synthesized as a user's would be; its template. */
export function synthesizeStack(add: (scope: Construct, id: string, i: number) => void, count: number, options: ConnectResourcesHandlerOptions = {}): any {
  const app = new App();
  const stack = new Stack(app, 'ContactCenter', { env: { account: ACCOUNT, region: REGION } });
  ConnectResourcesHandler.configure(stack, options);
  for (let i = 0; i < count; i++) add(stack, `Resource${i}`, i);
  return Template.fromStack(stack).toJSON();
}

/** Whether a template resource is a custom resource. */
function isCustom(resource: any): boolean {
  return String(resource?.Type).startsWith('Custom::');
}

/** One deploy of a stack of `count` resources of one kind, against the account's quota for its create. */
export interface StackDeploy extends RuntimeOptions {
  /** The account's rate quota of the kind's create operation. */
  readonly quota: { readonly rate: number; readonly burst: number };
  /** How the stack configures its handler. */
  readonly options?: ConnectResourcesHandlerOptions;
  /** What of the synthesized template is deployed (default: the template as it is). */
  readonly template?: (template: any) => any;
}

/** Synthesizes the stack, deploys it against fresh fakes, and says how it went. */
export async function deployStack(kind: DeployKind, count: number, run: StackDeploy) {
  const aws = await FakeAws.start();
  try {
    const fake = kind.setUp(aws, count);
    aws.rateLimits.set(kind.operation, run.quota.rate);
    aws.burstLimits.set(kind.operation, run.quota.burst);
    const template = synthesizeStack(fake.add, count, run.options);
    const result = await deploy(aws, run.template ? run.template(template) : template, run);
    return { result, created: fake.resources(), throttledPerCreate: (aws.throttled.get(kind.operation) ?? 0) / count };
  } finally {
    await aws.close();
  }
}

/** The template with its custom resources' DependsOn on one another taken out: every request sent at once. */
export function withoutLanes(template: any): any {
  const custom = (id: string) => isCustom(template.Resources[id]);
  const resources = Object.entries<any>(template.Resources).map(([id, r]) =>
    [id, custom(id) ? { ...r, DependsOn: [r.DependsOn ?? []].flat().filter((d: string) => !custom(d)) } : r],
  );
  return { ...template, Resources: Object.fromEntries(resources) };
}

/**
 * Deploys the custom resources of `template` (creates) through the modelled runtime, and
 * resolves once every resource is complete, or once the stack has failed and nothing is in flight.
 */
export async function deploy(aws: FakeAws, template: any, options: RuntimeOptions): Promise<DeployResult> {
  const fn = functionSettings(template);
  const scale = options.timeScale ?? 1;
  const cfn = new CloudFormation(aws, { ...options.env, ...(scale !== 1 ? fastClock(scale).env : {}) });
  const resources = customResources(template);
  const byLogicalId = new Map(resources.map((r) => [r.logicalId, r]));
  const byRequest = new Map<string, (typeof resources)[number]>();
  const dispatchDelayMs = options.dispatchDelayMs ?? 1_000;
  const retryDelays = options.retryDelaysMs ?? [60_000, 120_000];

  // Lambda: the asynchronous queue and the account's concurrency.
  interface Queued { readonly payload: any; readonly queuedAt: number; readonly attempt: number }
  const queue: Queued[] = [];
  let running = 0;
  let peakExecutions = 0;
  let executionMs = 0;
  let invocations = 0;
  let discarded = 0;
  const retries: NodeJS.Timeout[] = [];
  let pendingRetries = 0;
  const enqueue = (item: Queued) => {
    queue.push(item);
    pump();
  };
  const pump = () => {
    while (running < options.concurrency && queue.length > 0) {
      const item = queue.shift()!;
      if (Date.now() - item.queuedAt > fn.maxEventAgeMs) {
        discarded++;
        // Nothing will answer its request now: CloudFormation waits out the ServiceTimeout. The
        // model ends the resource at once, as it would end then.
        const resource = byRequest.get(item.payload?.RequestId);
        if (resource?.state.status === 'sent') end(resource, 'lost');
        continue;
      }
      running++;
      invocations++;
      peakExecutions = Math.max(peakExecutions, running);
      const started = Date.now();
      // On a faster clock the process ends itself at the timeout; the kill is then only a backstop.
      const killAfterMs = scale === 1 ? fn.timeoutMs : fn.timeoutMs / scale + 10_000;
      void cfn.invoke(item.payload, { remainingMs: fn.timeoutMs, killAfterMs }).then(({ exitCode }) => {
        running--;
        executionMs += Date.now() - started;
        if (exitCode !== 0 && item.attempt < fn.retryAttempts) {
          const delay = retryDelays[item.attempt] ?? retryDelays[retryDelays.length - 1];
          pendingRetries++;
          retries.push(
            setTimeout(() => {
              pendingRetries--;
              enqueue({ ...item, attempt: item.attempt + 1 });
            }, delay),
          );
        }
        pump();
        settle();
      });
    }
  };
  aws.onInvoke = (payload) => enqueue({ payload, queuedAt: Date.now(), attempt: 0 });

  // CloudFormation: dispatch by dependencies, one answer awaited per request.
  let failed = false;
  let firstSent = 0;
  let lastEnd = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const inFlight = () => resources.some((r) => r.state.status === 'sent');
  // Over once every resource is complete, or the stack has failed and nothing is in flight; the
  // executions running then are let finish. Whatever is still queued, or waits for a retry, would
  // run after CloudFormation has moved on: it is left there (and counted when too old).
  const settle = () => {
    const over = resources.every((r) => r.state.status === 'complete') || (failed && !inFlight());
    const held = options.drain && (queue.length > 0 || pendingRetries > 0);
    if (over && running === 0 && !held) done();
  };
  const end = (resource: (typeof resources)[number], status: ModelledResource['status']) => {
    clearTimeout(resource.timer);
    resource.state.status = status;
    lastEnd = Date.now();
    if (status !== 'complete') failed = true;
    dispatch();
    settle();
  };
  const dispatch = () => {
    if (failed) return;
    for (const resource of resources) {
      if (resource.state.status !== 'waiting' || resource.scheduled) continue;
      if (!resource.dependsOn.every((id) => byLogicalId.get(id)!.state.status === 'complete')) continue;
      resource.scheduled = true;
      setTimeout(() => {
        if (failed) return;
        const event = cfn.createEvent(resource.logicalId, resource.type, resource.properties);
        resource.state.requestId = event.RequestId;
        resource.state.status = 'sent';
        byRequest.set(event.RequestId, resource);
        firstSent ||= Date.now();
        resource.timer = setTimeout(() => end(resource, 'timed out'), resource.serviceTimeoutMs / scale);
        enqueue({ payload: event, queuedAt: Date.now(), attempt: 0 });
      }, dispatchDelayMs);
    }
  };
  aws.onAnswer = (requestId, answer) => {
    const resource = byRequest.get(requestId);
    if (!resource) return;
    resource.state.answers.push(answer);
    // CloudFormation takes the first answer; later ones change nothing.
    if (resource.state.status === 'sent') end(resource, answer.Status === 'SUCCESS' ? 'complete' : 'failed');
  };

  dispatch();
  settle(); // a template without custom resources is deployed at once
  await finished;
  retries.forEach(clearTimeout);
  aws.onInvoke = undefined;
  aws.onAnswer = undefined;
  for (const item of queue) if (Date.now() - item.queuedAt > fn.maxEventAgeMs) discarded++;
  return {
    stackId: cfn.stackId,
    resources: resources.map((r) => r.state),
    seconds: (lastEnd - firstSent) / 1000,
    discarded,
    peakExecutions,
    executionSeconds: executionMs / 1000,
    invocations,
  };
}

/** The handler function's timeout and asynchronous invocation settings, from the template. */
function functionSettings(template: any) {
  const resources = Object.values<any>(template.Resources);
  const config = resources.find((r) => r.Type === 'AWS::Lambda::EventInvokeConfig')?.Properties;
  const functions = resources.filter((r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description ?? '').startsWith('cdk-connect-resources'));
  if (!config || functions.length !== 1) throw new Error("the template has no handler function with an event-invoke configuration");
  return {
    timeoutMs: (functions[0].Properties.Timeout ?? 3) * 1000,
    // Lambda's defaults when the configuration leaves them out (documented: 21600 s, 2 retries).
    maxEventAgeMs: (config.MaximumEventAgeInSeconds ?? 21_600) * 1000,
    retryAttempts: config.MaximumRetryAttempts ?? 2,
  };
}

/** The template's custom resources, with their dependencies among themselves and literal properties. */
function customResources(template: any) {
  const entries = Object.entries<any>(template.Resources).filter(([, r]) => isCustom(r));
  const ids = new Set(entries.map(([id]) => id));
  return entries.map(([logicalId, r]) => {
    const { ServiceToken: _, ...properties } = r.Properties;
    if (JSON.stringify(properties).match(/"(Ref|Fn::[A-Za-z]+)"/)) throw new Error(`${logicalId}: the model delivers literal properties only`);
    return {
      logicalId,
      type: r.Type as string,
      properties,
      dependsOn: [r.DependsOn ?? []].flat().filter((id: string) => ids.has(id)) as string[],
      serviceTimeoutMs: Number(properties.ServiceTimeout ?? 3600) * 1000,
      scheduled: false,
      timer: undefined as NodeJS.Timeout | undefined,
      state: { logicalId, status: 'waiting', answers: [] } as ModelledResource,
    };
  });
}
