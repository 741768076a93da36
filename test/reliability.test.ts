/**
 * Exactly once, always answered: every resource type through faults, redeliveries and crashes,
 * with the built handler bundle against the loopback fakes.
 *
 * Each resource type is described once by a profile; every test below runs for every profile.
 */
import { CONNECT_CASE, CONNECT_CONTACT_EVALUATION, CONNECT_FLOW_VERSION, CONNECT_INSTANCE, ENGAGEMENT_CONTEXT, holdsCustomerData } from '../src/contract';
import { CloudFormation, Delivery, RESPONSE_URL_SECRET } from './support/cloudformation';
import { Fault, FakeAws } from './support/fake-aws';
import { FakeCases } from './support/fake-cases';
import { ACCOUNT, FakeConnect, REGION } from './support/fake-connect';
import { FakeEvaluations } from './support/fake-evaluations';
import { FakeFlow, FakeFlowVersions, sha256 } from './support/fake-flow-versions';
import { FakeEngagement, FakePartnerCentral } from './support/fake-partner-central';

const SPECS = [CONNECT_INSTANCE, CONNECT_FLOW_VERSION, CONNECT_CONTACT_EVALUATION, CONNECT_CASE, ENGAGEMENT_CONTEXT];

/** What the suite needs to know of one resource type. */
interface Profile {
  readonly type: string;
  /** The operation that creates the resource (where faults are injected). */
  readonly createOperation: string;
  /** Valid properties. */
  readonly props: Record<string, unknown>;
  /** Properties whose change forces a new resource. */
  readonly replacement: Record<string, unknown>;
  /** How many of this type's resources exist now. */
  live(): number;
  /** Whether the resource with this physical id exists now. */
  exists(physicalId: string): boolean;
  /** Client tokens the fakes received for this type, to check the logs never hold them. */
  tokens(): string[];
  /** Whether the service can delete the resource (Partner Central cannot delete contexts). */
  readonly deletes: boolean;
  /** How many refusals in a row end a create (default 1; a derived flow version number moves up a few times first). */
  readonly refusalsToFail?: number;
}

let aws: FakeAws;
let connect: FakeConnect;
let flows: FakeFlowVersions;
let flow: FakeFlow;
let evaluations: FakeEvaluations;
let cases: FakeCases;
let partner: FakePartnerCentral;
let engagement: FakeEngagement;
const deliveries: Delivery[] = [];

const INSTANCE_ID = '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab';
const FORM_ID = '9d3c6f0a-1111-2222-3333-444455556666';
const DOMAIN_ID = '0e6f2c1a-7d4b-4c55-9a61-5b1f0c2d3e4f';
const TEMPLATE_ID = 'b3c9e1d2-aaaa-4bbb-8ccc-111122223333';
const OTHER_TEMPLATE_ID = 'c4d0f2e3-bbbb-4ccc-9ddd-444455556666';
const PROFILE_ARN = `arn:aws:profile:${REGION}:${ACCOUNT}:domains/support/profiles/3f1e2d3c4b5a`;
const contexts = () => [...partner.engagements.values()].flatMap((e) => e.Contexts.map((c) => ({ engagement: e, context: c })));
const versions = () => [...flows.flows.values()].flatMap((f) => f.versions.map((v) => ({ flow: f, version: v })));

const PROFILES: Profile[] = [
  {
    type: 'Custom::ConnectInstance',
    createOperation: 'CreateInstance',
    props: { ServiceTimeout: 1800, IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: 'reliable', InboundCallsEnabled: true, OutboundCallsEnabled: true },
    replacement: { InstanceAlias: 'reliable-2' },
    live: () => connect.live().length,
    exists: (id) => connect.live().some((i) => i.Id === id),
    tokens: () => [...connect.instances.values()].map((i) => i.request.ClientToken),
    deletes: true,
  },
  {
    // No client token: exactly once comes from an explicit version number and read-back adoption.
    type: 'Custom::ConnectFlowVersion',
    createOperation: 'CreateContactFlowVersion',
    get props() {
      return { ServiceTimeout: 300, InstanceId: flow.InstanceId, ContactFlowId: flow.Arn, Description: 'Spring campaign', FlowContentSha256: sha256(flow.Content) };
    },
    replacement: { Description: 'Spring campaign, second wave' },
    live: () => versions().filter((v) => !v.version.deleted).length,
    exists: (id) => versions().some((v) => `${v.flow.Arn}:${v.version.Version}` === id && !v.version.deleted),
    tokens: () => [],
    deletes: true,
    refusalsToFail: 5,
  },
  {
    type: 'Custom::ConnectContactEvaluation',
    createOperation: 'StartContactEvaluation',
    props: {
      ServiceTimeout: 600,
      InstanceId: INSTANCE_ID,
      ContactId: 'c0ffee00-1234-4abc-8def-0123456789ab',
      EvaluationFormId: `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${INSTANCE_ID}/evaluation-form/${FORM_ID}`,
    },
    replacement: { ContactId: 'c0ffee00-5678-4abc-8def-0123456789ab' },
    live: () => evaluations.live().length,
    exists: (id) => evaluations.live().some((e) => e.EvaluationId === id),
    tokens: () => [...evaluations.evaluations.values()].map((e) => e.request.ClientToken),
    deletes: true,
  },
  {
    type: 'Custom::ConnectCase',
    createOperation: 'CreateCase',
    props: {
      ServiceTimeout: 600,
      DomainId: DOMAIN_ID,
      TemplateId: TEMPLATE_ID,
      Fields: [
        { Id: 'title', Value: { StringValue: 'Refund for order 42' } },
        { Id: 'customer_id', Value: { StringValue: PROFILE_ARN } },
        { Id: 'refund_amount', Value: { DoubleValue: 42.5 } },
      ],
    },
    replacement: { TemplateId: OTHER_TEMPLATE_ID },
    live: () => [...cases.cases.values()].filter((c) => !c.deleted).length,
    exists: (id) => [...cases.cases.values()].some((c) => c.caseArn === id && !c.deleted),
    tokens: () => [...cases.cases.values()].map((c) => c.request.clientToken),
    deletes: true,
  },
  {
    type: 'Custom::PartnerCentralEngagementContext',
    createOperation: 'CreateEngagementContext',
    get props() {
      return {
        ServiceTimeout: 300,
        Catalog: 'Sandbox',
        EngagementIdentifier: engagement.Id,
        Type: 'CustomerProject',
        Payload: { CustomerProject: { Customer: { CompanyName: 'Example Corp', CountryCode: 'US', Industry: 'Software and Internet', WebsiteUrl: 'https://www.example.com' } } },
      };
    },
    get replacement() {
      return { EngagementIdentifier: partner.addEngagement('Sandbox').Id };
    },
    live: () => contexts().length,
    exists: (id) => contexts().some(({ engagement: e, context }) => `${e.Catalog}/${e.Id}/${context.Id}` === id),
    tokens: () => contexts().map(({ context }) => context.request.ClientToken),
    deletes: false,
  },
];

beforeAll(async () => {
  aws = await FakeAws.start();
  connect = new FakeConnect(aws);
  flows = new FakeFlowVersions(aws);
  flow = flows.addFlow({ instanceId: INSTANCE_ID });
  evaluations = new FakeEvaluations(aws);
  evaluations.forms.set(FORM_ID, { active: true });
  cases = new FakeCases(aws);
  cases.addDomain(DOMAIN_ID, TEMPLATE_ID, OTHER_TEMPLATE_ID);
  partner = new FakePartnerCentral(aws);
  engagement = partner.addEngagement('Sandbox');
});
afterAll(() => aws.close());

async function deliver(cfn: CloudFormation, ...args: Parameters<CloudFormation['deliver']>): Promise<Delivery> {
  const delivery = await cfn.deliver(...args);
  deliveries.push(delivery);
  return delivery;
}

describe.each(PROFILES)('$type', (profile) => {
  let cfn: CloudFormation;
  beforeEach(() => {
    cfn = new CloudFormation(aws);
  });

  test.each<Fault>(['500', 'throttle', 'reset-after'])('a %s fault on the create call ends in SUCCESS with exactly one resource', async (fault) => {
    const before = profile.live();
    aws.inject(profile.createOperation, fault);

    const { answer } = await deliver(cfn, cfn.createEvent('Resource', profile.type, profile.props));

    expect(answer.Status).toBe('SUCCESS');
    expect(profile.live() - before).toBe(1);
    expect(profile.exists(answer.PhysicalResourceId)).toBe(true);
  });

  test("a 500, then a throttle, then a reset after the service acted — more faults than the SDK's attempts — end in SUCCESS with exactly one resource", async () => {
    const before = profile.live();
    aws.inject(profile.createOperation, '500', 'throttle', 'reset-after');

    const { answer } = await deliver(cfn, cfn.createEvent('Resource', profile.type, profile.props));

    expect(answer.Status).toBe('SUCCESS');
    expect(profile.live() - before).toBe(1);
    expect(profile.exists(answer.PhysicalResourceId)).toBe(true);
  });

  test('a Create redelivered after the handler died mid-way ends with one resource and the same physical id', async () => {
    const before = profile.live();
    const event = cfn.createEvent('Resource', profile.type, profile.props);
    aws.inject(profile.createOperation, 'crash-after');

    const crashed = await deliver(cfn, event, { crashable: true });
    expect(crashed.exitCodes).toEqual([null]); // killed: no answer was sent
    expect(crashed.answers).toEqual([]);
    const retried = await deliver(cfn, event);

    expect(retried.answer.Status).toBe('SUCCESS');
    expect(profile.live() - before).toBe(1);
    expect(profile.exists(retried.answer.PhysicalResourceId)).toBe(true);
  });

  test('a service error is answered once, FAILED, with the service message unless the type holds customer data', async () => {
    aws.inject(profile.createOperation, ...Array<Fault>(profile.refusalsToFail ?? 1).fill('400'));

    const delivery = await deliver(cfn, cfn.createEvent('Resource', profile.type, profile.props));

    expect(delivery.answers).toHaveLength(1);
    expect(delivery.answer.Status).toBe('FAILED');
    // Services may repeat customer data in their messages: for those types only the error's type and status are shown.
    const spec = SPECS.find((candidate) => candidate.resourceType === profile.type)!;
    expect(delivery.answer.Reason).toBe(
      holdsCustomerData(spec)
        ? "Resource: InvalidRequestException (HTTP 400; the service's message is not shown: it may repeat customer data)"
        : 'Resource: InvalidRequestException: injected invalid request',
    );
  });

  test('malformed JSON-ish and unknown properties are answered once, FAILED, naming the property; nothing is created', async () => {
    const calls = aws.count(profile.createOperation);

    const delivery = await deliver(cfn, cfn.createEvent('Resource', profile.type, { ...profile.props, Unexpected: '{"not": json' }));

    expect(delivery.answers).toHaveLength(1);
    expect(delivery.answer.Reason).toContain('Unexpected is not a property of');
    expect(aws.count(profile.createOperation)).toBe(calls);
  });

  test('a Delete after a failed Create makes no call', async () => {
    const failed = (await deliver(cfn, cfn.createEvent('Resource', profile.type, { ...profile.props, Unexpected: 'x' }))).answer;
    const callsBefore = aws.calls.length;

    const rollback = await deliver(cfn, cfn.deleteEvent('Resource', profile.type, failed.PhysicalResourceId, profile.props));

    expect(rollback.answer.Status).toBe('SUCCESS');
    expect(aws.calls.slice(callsBefore).map((c) => c.operation)).toEqual(['CloudFormationAnswer']);
  });

  test(`replacement, then the cleanup Delete of the old physical id, ${profile.deletes ? 'removes only the old resource' : 'keeps both (the service cannot delete)'}`, async () => {
    const old = (await deliver(cfn, cfn.createEvent('Resource', profile.type, profile.props))).answer.PhysicalResourceId;
    const props = { ...profile.props, ...profile.replacement };

    const replaced = (await deliver(cfn, cfn.updateEvent('Resource', profile.type, old, props, profile.props))).answer;
    const cleanup = await deliver(cfn, cfn.deleteEvent('Resource', profile.type, old, profile.props));

    expect(replaced.Status).toBe('SUCCESS');
    expect(replaced.PhysicalResourceId).not.toBe(old);
    expect(cleanup.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: old });
    expect(profile.exists(old)).toBe(!profile.deletes);
    expect(profile.exists(replaced.PhysicalResourceId)).toBe(true);
  });

  test('a Delete of something already gone succeeds', async () => {
    const id = (await deliver(cfn, cfn.createEvent('Resource', profile.type, profile.props))).answer.PhysicalResourceId;
    await deliver(cfn, cfn.deleteEvent('Resource', profile.type, id, profile.props));

    const again = await deliver(cfn, cfn.deleteEvent('Resource', profile.type, id, profile.props));

    expect(again.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  });

  test('when the create call outlasts the invocation, the hand-over comes before the deadline and one answer follows', async () => {
    const before = profile.live();
    const event = cfn.createEvent('Resource', profile.type, profile.props);
    aws.inject(profile.createOperation, 'slow');
    const started = Date.now();
    const remainingMs = 12_000;

    const delivery = await deliver(cfn, event, { remainingMs });

    const firstSign = aws.calls.find(
      (c) => (c.operation === 'CloudFormationAnswer' && c.params.RequestId === event.RequestId) || (c.operation === 'Invoke' && c.body?.RequestId === event.RequestId),
    )!;
    expect(firstSign.operation).toBe('Invoke');
    expect(firstSign.at - started).toBeLessThan(remainingMs);
    expect(delivery.answer.Status).toBe('SUCCESS');
    expect(profile.live() - before).toBe(1);
  });
});

test('no log line holds the ResponseURL or a client token', () => {
  const logs = deliveries.flatMap((d) => d.logs).join('\n');
  expect(logs.length).toBeGreaterThan(0);
  expect(logs).not.toContain(RESPONSE_URL_SECRET);
  const tokens = PROFILES.flatMap((p) => p.tokens()).filter(Boolean);
  expect(tokens.length).toBeGreaterThan(20);
  for (const token of tokens) expect(logs).not.toContain(token);
});
