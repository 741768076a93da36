/**
 * A burst of creates, as a stack with many resources of one type sends them: one handler process
 * per event, all started together (each loads the handler and the type's module first, then waits
 * at a gate), against a fake whose create operation is rate limited. Shared by the burst test and
 * the benchmarks.
 */
import { moduleChunk } from './bundle';
import { CloudFormation, Delivery } from './cloudformation';
import { FakeAws } from './fake-aws';
import { FakeCases } from './fake-cases';
import { ACCOUNT, REGION } from './fake-connect';
import { FakeEvaluations } from './fake-evaluations';
import { ConnectClient, StartContactEvaluationCommand } from '@aws-sdk/client-connect';
import { ConnectCasesClient, CreateCaseCommand } from '@aws-sdk/client-connectcases';
import type { RetryStrategyV2 } from '@smithy/types';
import { PACING_ENV } from '../../src/spec';
import { RETRY_ATTEMPTS } from '../../src/private/provider';

/** A rate-limited create, with what the fake needs to serve it. */
export interface BurstKind {
  readonly resourceType: string;
  /** The create operation the fake rate-limits. */
  readonly operation: string;
  /** The handler module the type loads (its chunk is preloaded before the gate opens). */
  readonly source: string;
  /** Registers the service fake and returns the number of resources it holds. */
  setUp(aws: FakeAws): () => number;
  props(i: number): Record<string, unknown>;
  /** The create as one SDK call from a client of its own (for the benchmarks' in-process bursts). */
  client(endpoint: string, env: Record<string, string | undefined>, retryStrategy: RetryStrategyV2, i: number): () => Promise<unknown>;
}

function clientConfig(endpoint: string, env: Record<string, string | undefined>, retryStrategy: RetryStrategyV2) {
  return { endpoint, region: env.AWS_REGION, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! }, retryStrategy };
}

const DOMAIN = '0e6f2c1a-7d4b-4c55-9a61-5b1f0c2d3e4f';
const TEMPLATE = 'b3c9e1d2-aaaa-4bbb-8ccc-111122223333';
const PROFILE = `arn:aws:profile:${REGION}:${ACCOUNT}:domains/support-customers/profiles/3f1e2d3c4b5a`;
const INSTANCE = '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab';
const FORM = '9d3c6f0a-1111-2222-3333-444455556666';

/** Cases: CreateCase. */
export const CASE_BURST: BurstKind = {
  resourceType: 'Custom::ConnectCase',
  operation: 'CreateCase',
  source: 'src/handler/resources/case.ts',
  setUp: (aws) => {
    const cases = new FakeCases(aws);
    cases.addDomain(DOMAIN, TEMPLATE);
    return () => cases.cases.size;
  },
  props: (i) => ({
    DomainId: DOMAIN,
    TemplateId: TEMPLATE,
    Fields: [
      { Id: 'title', Value: { StringValue: `Refund ${i}` } },
      { Id: 'customer_id', Value: { StringValue: PROFILE } },
    ],
  }),
  client: (endpoint, env, retryStrategy, i) => {
    const client = new ConnectCasesClient(clientConfig(endpoint, env, retryStrategy));
    const fields = [
      { id: 'title', value: { stringValue: `Refund ${i}` } },
      { id: 'customer_id', value: { stringValue: PROFILE } },
    ];
    return () => client.send(new CreateCaseCommand({ domainId: DOMAIN, templateId: TEMPLATE, fields, clientToken: `burst-${i}` }));
  },
};

/** Connect: StartContactEvaluation. */
export const EVALUATION_BURST: BurstKind = {
  resourceType: 'Custom::ConnectContactEvaluation',
  operation: 'StartContactEvaluation',
  source: 'src/handler/resources/contact-evaluation.ts',
  setUp: (aws) => {
    const evaluations = new FakeEvaluations(aws);
    evaluations.forms.set(FORM, { active: true });
    return () => evaluations.evaluations.size;
  },
  props: (i) => ({
    InstanceId: INSTANCE,
    ContactId: `c0ffee00-1234-4abc-8def-${String(i).padStart(12, '0')}`,
    EvaluationFormId: FORM,
  }),
  client: (endpoint, env, retryStrategy, i) => {
    const client = new ConnectClient(clientConfig(endpoint, env, retryStrategy));
    const contactId = `c0ffee00-1234-4abc-8def-${String(i).padStart(12, '0')}`;
    return () => client.send(new StartContactEvaluationCommand({ InstanceId: INSTANCE, ContactId: contactId, EvaluationFormId: FORM, ClientToken: `burst-${i}` }));
  },
};

/** How a burst went. */
export interface BurstResult {
  readonly deliveries: Delivery[];
  /** From the gate opening to the last answer. */
  readonly seconds: number;
  /** seconds ÷ (N ÷ rate). */
  readonly overFloor: number;
  /** Calls of the create operation the fake turned away with ThrottlingException, per create. */
  readonly throttledPerCreate: number;
  /** Resources the fake holds after the burst. */
  readonly resources: number;
  /** Invocations per event, continuations included (total). */
  readonly invocations: number;
}

/** Options of one burst. */
export interface BurstOptions {
  readonly count: number;
  readonly rate: number;
  readonly burst?: number;
  /**
   * The rate the stack tells the handler its bursts may use (requestRates), or false for a stack
   * that tells it nothing (default: the fake's rate).
   */
  readonly toldRate?: number | false;
  /** The Lambda time left when each first invocation starts (default 300 s). */
  readonly remainingMs?: number;
  /** CloudFormation's ServiceTimeout of each resource (s). */
  readonly serviceTimeout?: number;
}

/** Runs one burst against a fresh fake. */
export async function runBurst(kind: BurstKind, options: BurstOptions): Promise<BurstResult> {
  const aws = await FakeAws.start();
  try {
    const resources = kind.setUp(aws);
    aws.rateLimits.set(kind.operation, options.rate);
    if (options.burst !== undefined) aws.burstLimits.set(kind.operation, options.burst);
    // Loaded before the gate opens: the type's module, and the hand-over's Lambda client. On Lambda
    // each process has its own CPU; here 200 share two cores, and 100 processes loading the Lambda
    // client at the same moment (when their invocations run out together) would starve the fakes.
    const env: Record<string, string> = { HANDLER_PRELOAD: [kind.source, 'src/handler/continuation.ts'].map((source) => moduleChunk(source)).join(',') };
    // What the provider writes into the function's environment for a stack of `count` such resources.
    if (options.toldRate !== false) env[PACING_ENV] = JSON.stringify({ [kind.resourceType]: { uses: options.count, rate: options.toldRate ?? options.rate } });
    const cfn = new CloudFormation(aws, env);
    let ready = 0;
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const gate = { ready: () => ++ready === options.count && open(), open: opened };
    const events = Array.from({ length: options.count }, (_, i) =>
      cfn.createEvent(`Burst${i}`, kind.resourceType, { ServiceTimeout: options.serviceTimeout ?? 900, ...kind.props(i) }),
    );
    const pending = events.map((event) => cfn.deliver(event, { gate, remainingMs: options.remainingMs, lambdaRetries: RETRY_ATTEMPTS }));
    await opened;
    const started = Date.now();
    const deliveries = await Promise.all(pending);
    const seconds = (Date.now() - started) / 1000;
    return {
      deliveries,
      seconds,
      overFloor: seconds / (options.count / options.rate),
      throttledPerCreate: (aws.throttled.get(kind.operation) ?? 0) / options.count,
      resources: resources(),
      invocations: deliveries.reduce((n, d) => n + d.invocations, 0),
    };
  } finally {
    await aws.close();
  }
}
