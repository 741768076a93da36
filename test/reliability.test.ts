/**
 * Exactly once, always answered: every resource type through faults, redeliveries and crashes,
 * with the built handler bundle against the loopback fakes.
 *
 * Each resource type is described once by a profile; every test below runs for every profile.
 */
import { CloudFormation, Delivery, RESPONSE_URL_SECRET } from './support/cloudformation';
import { Fault, FakeAws } from './support/fake-aws';
import { FakeConnect } from './support/fake-connect';

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
}

let aws: FakeAws;
let connect: FakeConnect;
const deliveries: Delivery[] = [];

const PROFILES: Profile[] = [
  {
    type: 'Custom::ConnectInstance',
    createOperation: 'CreateInstance',
    props: { ServiceTimeout: 1800, IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: 'reliable', InboundCallsEnabled: true, OutboundCallsEnabled: true },
    replacement: { InstanceAlias: 'reliable-2' },
    live: () => connect.live().length,
    exists: (id) => connect.live().some((i) => i.Id === id),
    tokens: () => [...connect.instances.values()].map((i) => i.request.ClientToken),
  },
];

beforeAll(async () => {
  aws = await FakeAws.start();
  connect = new FakeConnect(aws);
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

  test('a service error is answered once, FAILED, with the service message', async () => {
    aws.inject(profile.createOperation, '400');

    const delivery = await deliver(cfn, cfn.createEvent('Resource', profile.type, profile.props));

    expect(delivery.answers).toHaveLength(1);
    expect(delivery.answer.Status).toBe('FAILED');
    expect(delivery.answer.Reason).toBe('Resource: InvalidRequestException: injected invalid request');
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

  test('replacement, then the cleanup Delete of the old physical id, removes only the old resource', async () => {
    const old = (await deliver(cfn, cfn.createEvent('Resource', profile.type, profile.props))).answer.PhysicalResourceId;
    const props = { ...profile.props, ...profile.replacement };

    const replaced = (await deliver(cfn, cfn.updateEvent('Resource', profile.type, old, props, profile.props))).answer;
    await deliver(cfn, cfn.deleteEvent('Resource', profile.type, old, profile.props));

    expect(replaced.PhysicalResourceId).not.toBe(old);
    expect(profile.exists(old)).toBe(false);
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
  for (const token of PROFILES.flatMap((p) => p.tokens())) if (token) expect(logs).not.toContain(token);
});
