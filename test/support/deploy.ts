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
 *   properties are literal); independent resources are sent together. It invokes the function
 *   asynchronously, signs the ResponseURL when it sends the request, waits for the answer until
 *   the resource's ServiceTimeout, and stops sending new requests once a resource has failed
 *   ("Using Lambda with CloudFormation", Lambda developer guide; "DependsOn attribute",
 *   CloudFormation user guide; crpg-ref-requests). Rollback is not modelled. How long each step
 *   takes is measured, not documented: see {@link OBSERVED_LATENCIES}. The stacks of a tree (a
 *   parent's nested stacks) are deployed side by side, each with its own handler, against the one
 *   account.
 * - **Lambda's asynchronous queue**: an event waits for a free execution of the account's
 *   concurrency; an event older than the function's MaximumEventAgeInSeconds is discarded
 *   unanswered; an invocation that fails (the process exits non-zero or is killed at the
 *   function's timeout) is retried MaximumRetryAttempts times, about one and two minutes later,
 *   its age counted from the first try; the handler's hand-over (an Invoke of type Event) is a new
 *   event in the same queue ("Asynchronous invocation", "Error handling", Lambda developer guide).
 *
 * The function's timeout, event age and retries are read from the template, as deployed.
 */
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { Case, ConnectInstance, ConnectResourcesHandler, ConnectResourcesHandlerOptions, ContactEvaluation, ContactFlowVersion } from '../../src';
import { CloudFormation, fastClock } from './cloudformation';
import { FakeAws } from './fake-aws';
import { FakeCases } from './fake-cases';
import { ACCOUNT, REGION } from './fake-connect';
import { FakeEvaluations } from './fake-evaluations';
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
const FORM = '9d3c6f0a-1111-2222-3333-444455556666';

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

/** Contact evaluations: StartContactEvaluation, 3/s with a burst of 5 by default. */
export const EVALUATIONS: DeployKind = {
  resourceType: 'Custom::ConnectContactEvaluation',
  operation: 'StartContactEvaluation',
  setUp: (aws) => {
    const evaluations = new FakeEvaluations(aws);
    evaluations.forms.set(FORM, { active: true });
    return {
      add: (scope, id, i) => {
        const instance = ConnectInstance.fromInstanceArn(scope, `${id}Instance`, INSTANCE_ARN);
        new ContactEvaluation(scope, id, { instance, contactId: `c0ffee00-1234-4abc-8def-${String(i).padStart(12, '0')}`, evaluationForm: FORM });
      },
      resources: () => evaluations.evaluations.size,
    };
  },
};

/** A latency of the runtime: each occurrence is drawn evenly from `[min, max]` (ms). */
export interface Latency {
  readonly min: number;
  readonly max: number;
}

/** How long CloudFormation and Lambda take around the handler (the handler's own time is its process's). */
export interface Latencies {
  /** From CloudFormation's (or a hand-over's) asynchronous Invoke to the handler starting, queueing for a free execution aside. */
  readonly invoke: Latency;
  /** From the handler's PUT of the answer to CloudFormation reporting the resource complete. */
  readonly answer: Latency;
  /** From a resource's completion to its dependents' requests. */
  readonly dispatch: Latency;
}

/**
 * The latencies of real deploys. None is documented; they are read from recorded stack events of
 * real CDK deploys (aws-amplify/amplify-backend, packages/cli-core/src/loggers/test-assets/
 * add_function_storage_cdk_events.ts and delete_function_storage_cdk_events.ts: us-west-2, March
 * 2025, millisecond timestamps):
 *
 * - `dispatch`: a dependent's CREATE_IN_PROGRESS came 0.45–1.1 s after its dependency's
 *   CREATE_COMPLETE (1–2 s in logs of 2022).
 * - `invoke` + the handler + `answer`: a trivial Lambda-backed custom resource
 *   (Custom::S3AutoDeleteObjects, Custom::S3BucketNotifications, cold) took 3.0–3.25 s from
 *   CREATE_IN_PROGRESS to CREATE_COMPLETE, CloudFormation reading the answer about 0.2 s before
 *   it reported COMPLETE. The handler process here takes 0.1–0.3 s, so `invoke` and `answer`
 *   hold the other 2.9 s; how they split it is assumed (1 s to the handler starting, 1.8 s from
 *   the PUT to COMPLETE): only their sum shapes a lane's turnaround, and the invocation's share
 *   only moves the API call within it.
 */
export const OBSERVED_LATENCIES: Latencies = {
  invoke: { min: 900, max: 1_100 },
  answer: { min: 1_700, max: 1_900 },
  dispatch: { min: 450, max: 1_100 },
};

/** Every latency multiplied by `factor` (the bench and the tests run at ½, 1 and 2). */
export function scaledLatencies(factor: number, base: Latencies = OBSERVED_LATENCIES): Latencies {
  const scale = ({ min, max }: Latency) => ({ min: min * factor, max: max * factor });
  return { invoke: scale(base.invoke), answer: scale(base.answer), dispatch: scale(base.dispatch) };
}

/** The account and the function around the handler. */
export interface RuntimeOptions {
  /** Concurrent executions the account leaves the handler (the contact center's own functions share the rest). */
  readonly concurrency: number;
  /** How long CloudFormation and Lambda take around the handler (default {@link OBSERVED_LATENCIES}). */
  readonly latencies?: Latencies;
  /** Lambda's pauses before the retries of a failed invocation (ms; default one and two minutes). */
  readonly retryDelaysMs?: readonly number[];
  /** Environment of every handler process, besides the fakes' (the template's own is not read). */
  readonly env?: Record<string, string>;
  /**
   * Runs the handler processes' clocks this many times faster than the machine's (see
   * invoke-handler.mjs): the function's timeout, the ServiceTimeout, the latencies and Lambda's
   * retry pauses are then read on their clock; the fakes keep the machine's (default 1).
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
  /** The (first) stack's id, as its events carried it. */
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
  /** The most requests CloudFormation had in flight at once (sent, not yet complete). */
  readonly peakInFlight: number;
  /** Samples every {@link SAMPLE_MS} from the first request: requests in flight, executions running, calls throttled so far. */
  readonly timeline: readonly TimelineSample[];
}

/** One sample of a deploy's course. */
export interface TimelineSample {
  /** Seconds since the first request. */
  readonly t: number;
  readonly inFlight: number;
  readonly running: number;
  /** Calls throttled by the fakes since the deploy began, all operations. */
  readonly throttled: number;
}

/** How often a deploy's course is sampled (ms). */
export const SAMPLE_MS = 250;

/** A stack of `count` resources of one kind, synthesized as a user's would be; its template. */
export function synthesizeStack(add: (scope: Construct, id: string, i: number) => void, count: number, options: ConnectResourcesHandlerOptions = {}): any {
  return synthesizeTree(add, count, options)[0];
}

/**
 * The templates CloudFormation deploys side by side: one stack of `count` resources, or, with
 * `nested`, that many nested stacks of `count` resources each in one parent (which holds none).
 */
export function synthesizeTree(add: (scope: Construct, id: string, i: number) => void, count: number, options: ConnectResourcesHandlerOptions = {}, nested?: number): any[] {
  const app = new App();
  const stack = new Stack(app, 'ContactCenter', { env: { account: ACCOUNT, region: REGION } });
  const stacks = nested === undefined ? [stack] : Array.from({ length: nested }, (_, n) => new NestedStack(stack, `Part${n}`));
  for (const part of stacks) {
    ConnectResourcesHandler.configure(part, options);
    for (let i = 0; i < count; i++) add(part, `Resource${i}`, stacks.indexOf(part) * count + i);
  }
  return stacks.map((part) => Template.fromStack(part).toJSON());
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
  /** Deploy this many nested stacks of `count` resources each, side by side, instead of one stack. */
  readonly nested?: number;
}

/** Synthesizes the stack, deploys it against fresh fakes, and says how it went. */
export async function deployStack(kind: DeployKind, count: number, run: StackDeploy) {
  const aws = await FakeAws.start();
  const total = count * (run.nested ?? 1);
  try {
    const fake = kind.setUp(aws, total);
    aws.rateLimits.set(kind.operation, run.quota.rate);
    aws.burstLimits.set(kind.operation, run.quota.burst);
    const templates = synthesizeTree(fake.add, count, run.options, run.nested);
    const result = await deploy(aws, templates.map((t) => (run.template ? run.template(t) : t)), run);
    return { result, created: fake.resources(), throttledPerCreate: (aws.throttled.get(kind.operation) ?? 0) / total };
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

/** A number drawn evenly from a latency's range, from a seeded sequence (a deploy is repeatable but for the machine's own timing). */
function drawer(seed: number) {
  let state = seed >>> 0;
  return ({ min, max }: Latency) => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    const unit = ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    return min + (max - min) * unit;
  };
}

/**
 * Deploys the custom resources of the templates (creates; several templates are stacks that
 * CloudFormation deploys side by side, as a parent's nested stacks) through the modelled runtime,
 * and resolves once every resource is complete, or once a stack has failed and nothing is in flight.
 */
export async function deploy(aws: FakeAws, templates: any | any[], options: RuntimeOptions): Promise<DeployResult> {
  const scale = options.timeScale ?? 1;
  const env = { ...options.env, ...(scale !== 1 ? fastClock(scale).env : {}) };
  const stacks = [templates].flat().map((template) => ({ fn: functionSettings(template), cfn: new CloudFormation(aws, env), template }));
  const resources = stacks.flatMap((stack) => customResources(stack.template).map((r) => ({ ...r, stack })));
  const byKey = new Map(resources.map((r) => [`${stacks.indexOf(r.stack)}/${r.logicalId}`, r]));
  const byRequest = new Map<string, (typeof resources)[number]>();
  const latencies = options.latencies ?? OBSERVED_LATENCIES;
  const draw = drawer(resources.length);
  const retryDelays = options.retryDelaysMs ?? [60_000, 120_000];

  // Lambda: the asynchronous queue and the account's concurrency. An Invoke reaches the queue
  // after the invocation latency; its age counts from the Invoke.
  interface Queued { readonly payload: any; readonly queuedAt: number; readonly attempt: number }
  const queue: Queued[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
      settle();
    }, ms);
    timers.add(timer);
    return timer;
  };
  let running = 0;
  let peakExecutions = 0;
  let executionMs = 0;
  let invocations = 0;
  let discarded = 0;
  const invoke = (item: Queued) => later(draw(latencies.invoke) / scale, () => {
    queue.push(item);
    pump();
  });
  const pump = () => {
    while (running < options.concurrency && queue.length > 0) {
      const item = queue.shift()!;
      const resource = byRequest.get(item.payload?.RequestId);
      const fn = resource?.stack.fn ?? stacks[0].fn;
      if ((Date.now() - item.queuedAt) * scale > fn.maxEventAgeMs) {
        discarded++;
        // Nothing will answer its request now: CloudFormation waits out the ServiceTimeout. The
        // model ends the resource at once, as it would end then.
        if (resource?.state.status === 'sent') end(resource, 'lost');
        continue;
      }
      running++;
      invocations++;
      peakExecutions = Math.max(peakExecutions, running);
      const started = Date.now();
      void (resource?.stack.cfn ?? stacks[0].cfn).invoke(item.payload, { remainingMs: fn.timeoutMs, killAfterMs: scale === 1 ? fn.timeoutMs : fn.timeoutMs / scale + 10_000 }).then(({ exitCode }) => {
        running--;
        executionMs += Date.now() - started;
        if (exitCode !== 0 && item.attempt < fn.retryAttempts) {
          const delay = (retryDelays[item.attempt] ?? retryDelays[retryDelays.length - 1]) / scale;
          later(delay, () => {
            queue.push({ ...item, attempt: item.attempt + 1 });
            pump();
          });
        }
        pump();
        settle();
      });
    }
  };
  aws.onInvoke = (payload) => invoke({ payload, queuedAt: Date.now(), attempt: 0 });

  // CloudFormation: dispatch by dependencies, one answer awaited per request.
  let failed = false;
  let firstSent = 0;
  let lastEnd = 0;
  let peakInFlight = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const inFlight = () => resources.filter((r) => r.state.status === 'sent').length;
  // Over once every resource is complete, or a stack has failed and nothing is in flight; the
  // executions running then are let finish. Whatever is still queued, or waits for a retry, would
  // run after CloudFormation has moved on: it is left there (and counted when too old).
  const settle = () => {
    const over = resources.every((r) => r.state.status === 'complete') || (failed && inFlight() === 0);
    // Draining, what is queued, or waits for its invocation latency or a retry, runs too.
    const held = options.drain && (queue.length > 0 || timers.size > 0);
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
      const index = stacks.indexOf(resource.stack);
      if (!resource.dependsOn.every((id) => byKey.get(`${index}/${id}`)!.state.status === 'complete')) continue;
      resource.scheduled = true;
      later(draw(latencies.dispatch) / scale, () => {
        if (failed) return;
        const event = resource.stack.cfn.createEvent(resource.logicalId, resource.type, resource.properties);
        resource.state.requestId = event.RequestId;
        resource.state.status = 'sent';
        peakInFlight = Math.max(peakInFlight, inFlight());
        byRequest.set(event.RequestId, resource);
        firstSent ||= Date.now();
        resource.timer = setTimeout(() => end(resource, 'timed out'), resource.serviceTimeoutMs / scale);
        invoke({ payload: event, queuedAt: Date.now(), attempt: 0 });
      });
    }
  };
  aws.onAnswer = (requestId, answer) => {
    const resource = byRequest.get(requestId);
    if (!resource) return;
    resource.state.answers.push(answer);
    // CloudFormation takes the first answer, once it has read it; later ones change nothing.
    if (resource.state.answers.length === 1) later(draw(latencies.answer) / scale, () => resource.state.status === 'sent' && end(resource, answer.Status === 'SUCCESS' ? 'complete' : 'failed'));
  };

  // The deploy's course, sampled from the first request on.
  const throttled = () => [...aws.throttled.values()].reduce((sum, n) => sum + n, 0);
  const timeline: TimelineSample[] = [];
  const sampler = setInterval(() => {
    if (firstSent) timeline.push({ t: (Date.now() - firstSent) / 1000, inFlight: inFlight(), running, throttled: throttled() });
  }, SAMPLE_MS);

  dispatch();
  settle(); // a template without custom resources is deployed at once
  await finished;
  clearInterval(sampler);
  timers.forEach(clearTimeout);
  aws.onInvoke = undefined;
  aws.onAnswer = undefined;
  for (const item of queue) if ((Date.now() - item.queuedAt) * scale > stacks[0].fn.maxEventAgeMs) discarded++;
  return {
    stackId: stacks[0].cfn.stackId,
    resources: resources.map((r) => r.state),
    seconds: (lastEnd - firstSent) / 1000,
    discarded,
    peakExecutions,
    executionSeconds: executionMs / 1000,
    invocations,
    peakInFlight,
    timeline,
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
