/**
 * The hand-over chain's own faults, through whole deploys as CloudFormation and Lambda run them
 * (test/support/deploy.ts), with every event Lambda would hold run to its end, duplicates
 * included. For each fault and each resource type it applies to:
 *
 * - every answer for the request agrees (Status and PhysicalResourceId);
 * - SUCCESS means exactly one resource exists;
 * - FAILED means no resource is left after the rollback Delete CloudFormation sends with that
 *   answer's PhysicalResourceId.
 *
 * The handler's clock runs faster than the machine's (invoke-handler.mjs), so minutes of its own
 * logic take seconds here.
 */
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Case, ConnectInstance, ContactEvaluation, ContactFlowVersion, IdentityManagement } from '../src';
import { TRANSIENT_RETRY_MS } from '../src/handler/lifecycle';
import { CONTINUATION_KEY } from '../src/handler/waiter';
import { CloudFormation, fastClock } from './support/cloudformation';
import { deploy, synthesizeStack } from './support/deploy';
import { AwsError, FakeAws } from './support/fake-aws';
import { FakeCases } from './support/fake-cases';
import { ACCOUNT, FakeConnect, REGION } from './support/fake-connect';
import { FakeEvaluations } from './support/fake-evaluations';
import { FakeFlowVersions } from './support/fake-flow-versions';

const DOMAIN = '0e6f2c1a-7d4b-4c55-9a61-5b1f0c2d3e4f';
const TEMPLATE = 'b3c9e1d2-aaaa-4bbb-8ccc-111122223333';
const PROFILE = `arn:aws:profile:${REGION}:${ACCOUNT}:domains/support-customers/profiles/3f1e2d3c4b5a`;

/** A resource type, with the fake it needs and what makes its first invocation hand over. */
interface Kind {
  readonly name: string;
  /** The operation that makes the resource. */
  readonly createOperation: string;
  setUp(aws: FakeAws, scale: number): { add(scope: Construct, id: string): void; live(): number };
  /** Faults (on the handler's clock) that make the first invocation of a 1-minute function hand over. */
  handOver(aws: FakeAws): void;
}

/** An instance that becomes ACTIVE this long (on the handler's clock) after CreateInstance. */
function instance(readyAfterMs: number): Kind {
  return {
    name: 'ConnectInstance',
    createOperation: 'CreateInstance',
    setUp(aws, scale) {
      const connect = new FakeConnect(aws);
      connect.instanceReadyAfterMs = readyAfterMs / scale;
      return {
        add: (scope, id) =>
          new ConnectInstance(scope, id, { identityManagement: IdentityManagement.connectManaged(), instanceAlias: 'handover', inboundCallsEnabled: true, outboundCallsEnabled: true }),
        live: () => connect.live().length,
      };
    },
    handOver: () => undefined,
  };
}

/** Past the first invocation's 50 s of work: it hands the wait over. */
const INSTANCE = instance(90_000);

const CASE: Kind = {
  name: 'Case',
  createOperation: 'CreateCase',
  setUp(aws) {
    const cases = new FakeCases(aws);
    cases.addDomain(DOMAIN, TEMPLATE);
    return {
      add: (scope, id) => new Case(scope, id, { domain: DOMAIN, template: TEMPLATE, title: 'Refund', customer: PROFILE }),
      live: () => [...cases.cases.values()].filter((c) => !c.deleted).length,
    };
  },
  // A CreateCase answered after 5 s of the machine's clock, 100 s of the handler's: past the
  // first invocation's 50 s of work. The continuation repeats the call with the same token.
  handOver: (aws) => aws.inject('CreateCase', 'slow'),
};

const INSTANCE_ID = '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab';
const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${INSTANCE_ID}`;
const FORM_ID = '9d3c6f0a-1111-2222-3333-444455556666';

const EVALUATION: Kind = {
  name: 'ContactEvaluation',
  createOperation: 'StartContactEvaluation',
  setUp(aws) {
    const evaluations = new FakeEvaluations(aws);
    evaluations.forms.set(FORM_ID, { active: true });
    return {
      add: (scope, id) =>
        new ContactEvaluation(scope, id, {
          instance: ConnectInstance.fromInstanceArn(scope, `${id}Instance`, INSTANCE_ARN),
          contactId: 'c0ffee00-1234-4abc-8def-0123456789ab',
          evaluationForm: FORM_ID,
        }),
      live: () => evaluations.live().length,
    };
  },
  handOver: (aws) => aws.inject('StartContactEvaluation', 'slow'),
};

const FLOW_VERSION: Kind = {
  name: 'ContactFlowVersion',
  createOperation: 'CreateContactFlowVersion',
  setUp(aws) {
    const fake = new FakeFlowVersions(aws);
    const flow = fake.addFlow({ instanceId: INSTANCE_ID });
    return {
      add: (scope, id) =>
        new ContactFlowVersion(scope, id, { instance: ConnectInstance.fromInstanceArn(scope, `${id}Instance`, INSTANCE_ARN), contactFlow: flow.Arn, description: 'Spring campaign' }),
      live: () => fake.live(flow).length,
    };
  },
  handOver: (aws) => aws.inject('CreateContactFlowVersion', 'slow'),
};

/** The handler's clock against the machine's. */
const SCALE = 20;

/**
 * Deploys one resource of the kind in a stack whose handler has a 1-minute timeout, with the
 * faults given, runs everything Lambda holds to its end, then checks the three rules above.
 */
async function deployOne(kind: Kind, faults: (aws: FakeAws) => void, scale = SCALE) {
  const aws = await FakeAws.start();
  try {
    const fake = kind.setUp(aws, scale);
    const template = synthesizeStack((scope, id) => fake.add(scope, id), 1, { timeout: Duration.minutes(1) });
    faults(aws);
    const result = await deploy(aws, template, { concurrency: 10, timeScale: scale, drain: true });
    const [resource] = result.resources;
    const answers = resource.answers.map((a) => `${a.Status} ${a.PhysicalResourceId}`);
    expect(answers.length).toBeGreaterThan(0);
    expect(new Set(answers)).toEqual(new Set([answers[0]]));
    const first = resource.answers[0];
    if (first.Status === 'SUCCESS') {
      expect(fake.live()).toBe(1);
    } else {
      for (const operation of ['Invoke', kind.createOperation, 'DescribeInstance']) aws.clearFaults(operation);
      const { ServiceToken: _, ...props } = template.Resources[resource.logicalId].Properties;
      const cfn = new CloudFormation(aws, fastClock(scale).env);
      const rollback = await cfn.deliver({ ...cfn.deleteEvent(resource.logicalId, template.Resources[resource.logicalId].Type, first.PhysicalResourceId, props), StackId: result.stackId });
      expect(rollback.answer.Status).toBe('SUCCESS');
      expect(fake.live()).toBe(0);
    }
    return { result, first, live: fake.live(), aws };
  } finally {
    await aws.close();
  }
}

describe.each([INSTANCE, CASE, EVALUATION, FLOW_VERSION])('$name: a hand-over whose Invoke Lambda accepted, but whose reply was lost', (kind) => {
  test('once: the chains it started agree, and one resource exists', async () => {
    const { first, result } = await deployOne(kind, (aws) => {
      kind.handOver(aws);
      aws.inject('Invoke', 'reset-after');
    });
    expect(first.Status).toBe('SUCCESS');
    expect(result.invocations).toBeGreaterThanOrEqual(3); // the first, and two continuations of it
  }, 120_000);

  test('twice: the chains it started agree, and one resource exists', async () => {
    const { first, result } = await deployOne(kind, (aws) => {
      kind.handOver(aws);
      aws.inject('Invoke', 'reset-after', 'reset-after');
    });
    expect(first.Status).toBe('SUCCESS');
    expect(result.invocations).toBeGreaterThanOrEqual(3);
  }, 120_000);
});

test('a 1-minute function waits out an instance that becomes ACTIVE after 20 minutes, as one chain', async () => {
  const { first, result } = await deployOne(instance(20 * 60_000), () => undefined, 60);
  expect(first.Status).toBe('SUCCESS');
  expect(result.resources[0].answers).toHaveLength(1);
  // 20 minutes at 50 s of work per invocation: more than the count of 16 a chain once had.
  expect(result.invocations).toBeGreaterThan(20);
}, 180_000);

// Not flow versions: a failed publish reads the flow's versions back and adopts what a lost reply
// published, so that Create answers SUCCESS (reliability.test.ts).
test.each([INSTANCE, CASE, EVALUATION])('$name: a Create whose call may have made the resource, then failed transiently past the retry window: FAILED, and the rollback Delete finds and deletes it', async (kind) => {
  const { first, result } = await deployOne(kind, (aws) => {
    // The first call makes the resource and its answer is lost; every later one fails with a 500.
    aws.inject(kind.createOperation, 'reset-after', ...Array(5_000).fill('500'));
  });
  expect(first.Status).toBe('FAILED');
  expect(first.PhysicalResourceId).toMatch(/^cdk-connect-resources:unsettled-create:/);
  // Answered once the fault has lasted a minute and the last try ended (at most 3 attempts of
  // 30 s), counted across the 1-minute function's hand-overs: not held until the ServiceTimeout.
  expect(result.seconds * SCALE).toBeLessThan(TRANSIENT_RETRY_MS / 1000 + 3 * 30 + 30);
}, 120_000);

describe('a continuation that arrives with less time left than its ownership check takes', () => {
  test('FAILED names the instance the chain created, and the rollback Delete deletes it', async () => {
    const aws = await FakeAws.start();
    try {
      const connect = new FakeConnect(aws);
      connect.instanceReadyAfterMs = 12_000;
      const cfn = new CloudFormation(aws);
      const props = { ServiceTimeout: 300, IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: 'late', InboundCallsEnabled: true, OutboundCallsEnabled: true };
      const event = cfn.createEvent('Instance', 'Custom::ConnectInstance', props);
      // The first invocation creates the instance and hands over 2 s in.
      await cfn.invoke(event, { remainingMs: 12_000 });
      const [continuation] = aws.invocations.splice(0);
      expect(continuation[CONTINUATION_KEY].created.physicalResourceId).toBe(connect.live()[0].Id);

      // It waited in Lambda's queue until 13 s before the ServiceTimeout ends (3 s of budget
      // beyond the safety margin), and the ownership check is not answered in that time.
      const late = { ...continuation, [CONTINUATION_KEY]: { ...continuation[CONTINUATION_KEY], startedAt: Date.now() - 287_000 } };
      aws.inject('DescribeInstance', 'hang');
      const { answer } = await cfn.deliver(late);
      expect(answer.Status).toBe('FAILED');
      expect(answer.PhysicalResourceId).toBe(connect.live()[0].Id);

      const rollback = await cfn.deliver(cfn.deleteEvent('Instance', 'Custom::ConnectInstance', answer.PhysicalResourceId, props));
      expect(rollback.answer.Status).toBe("SUCCESS");
      expect(connect.live()).toHaveLength(0);
    } finally {
      await aws.close();
    }
  }, 120_000);
});

describe('seams found in review', () => {
  const INSTANCE_PROPS = { ServiceTimeout: 300, IdentityManagementType: 'CONNECT_MANAGED', InboundCallsEnabled: true, OutboundCallsEnabled: true };
  let aws: FakeAws;
  beforeEach(async () => {
    aws = await FakeAws.start();
  });
  afterEach(() => aws.close());

  test('a Lambda endpoint that cannot be reached at hand-over (a VPC with no route to it): FAILED at once, naming the instance', async () => {
    const connect = new FakeConnect(aws);
    connect.instanceReadyAfterMs = 60_000;
    // Nothing listens on the discard port: the connection is refused, so nothing was queued.
    const cfn = new CloudFormation(aws, { AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:9' });
    const event = cfn.createEvent('Instance', 'Custom::ConnectInstance', { ...INSTANCE_PROPS, InstanceAlias: 'no-route' });

    await cfn.invoke(event, { remainingMs: 12_000 });

    const answers = aws.answers.get(event.RequestId) ?? [];
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: connect.live()[0].Id });
  }, 60_000);

  test('a create that may have acted, then refused on a later try: FAILED with the unsettled marker, and the rollback deletes the case', async () => {
    const cases = new FakeCases(aws);
    cases.addDomain(DOMAIN, TEMPLATE);
    const cfn = new CloudFormation(aws);
    const props = {
      ServiceTimeout: 600,
      DomainId: DOMAIN,
      TemplateId: TEMPLATE,
      Fields: [
        { Id: 'title', Value: { StringValue: 'Refund' } },
        { Id: 'customer_id', Value: { StringValue: PROFILE } },
      ],
    };
    // Every SDK attempt of the first try makes (or finds) the case and loses its answer; the
    // second try is refused by a quota.
    aws.inject('CreateCase', 'reset-after', 'reset-after', 'reset-after', new AwsError('ServiceQuotaExceededException', 'too many cases', 402));
    const { answer } = await cfn.deliver(cfn.createEvent('Case', 'Custom::ConnectCase', props));
    expect(answer.Status).toBe('FAILED');
    expect(answer.PhysicalResourceId).toMatch(/^cdk-connect-resources:unsettled-create:/);

    const rollback = await cfn.deliver(cfn.deleteEvent('Case', 'Custom::ConnectCase', answer.PhysicalResourceId, props));
    expect(rollback.answer.Status).toBe('SUCCESS');
    expect(cases.live()).toHaveLength(0);
  }, 60_000);

  test('a continuation whose instance is not yet visible to reads waits for it, and the Create succeeds', async () => {
    const connect = new FakeConnect(aws);
    connect.instanceVisibleAfterMs = 5_000;
    const cfn = new CloudFormation(aws);
    const event = cfn.createEvent('Instance', 'Custom::ConnectInstance', { ...INSTANCE_PROPS, InstanceAlias: 'unseen' });
    // The first invocation creates the instance and hands over 2 s in, before reads see it.
    await cfn.invoke(event, { remainingMs: 12_000 });
    const [continuation] = aws.invocations.splice(0);
    expect(continuation[CONTINUATION_KEY].created.physicalResourceId).toBe(connect.live()[0].Id);

    const { answer } = await cfn.deliver(continuation);

    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: connect.live()[0].Id });
  }, 60_000);

  test('the rollback of a Create that made nothing: the instance its repeat makes is waited for while reads lag, and deleted', async () => {
    const connect = new FakeConnect(aws);
    connect.instanceVisibleAfterMs = 4_000;
    const cfn = new CloudFormation(aws);
    const marker = `cdk-connect-resources:unsettled-create:${'0f0e0d0c-1111-4222-8333-444455556666'}`;

    const rollback = await cfn.deliver(cfn.deleteEvent('Instance', 'Custom::ConnectInstance', marker, { ...INSTANCE_PROPS, InstanceAlias: 'lagging' }));

    expect(rollback.answer.Status).toBe('SUCCESS');
    expect(connect.instances.size).toBe(1);
    expect(connect.live()).toHaveLength(0);
  }, 60_000);
});
