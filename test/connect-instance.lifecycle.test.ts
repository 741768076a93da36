/**
 * ConnectInstance through the whole CloudFormation lifecycle: the built handler bundle, real SDK
 * clients, a loopback fake of Connect, events with properties as CloudFormation delivers them.
 */
import { CloudFormation, Delivery, RESPONSE_URL_SECRET } from './support/cloudformation';
import { OWNER_TAG_KEY } from '../src/spec';
import { FakeAws } from './support/fake-aws';
import { FakeConnect } from './support/fake-connect';

const TYPE = 'Custom::ConnectInstance';
const PROPS = {
  ServiceTimeout: 1800,
  IdentityManagementType: 'CONNECT_MANAGED',
  InstanceAlias: 'corp-support',
  InboundCallsEnabled: true,
  OutboundCallsEnabled: false,
  Tags: { team: 'support' },
};

let aws: FakeAws;
let connect: FakeConnect;
let cfn: CloudFormation;
const deliveries: Delivery[] = [];

beforeAll(async () => {
  aws = await FakeAws.start();
  connect = new FakeConnect(aws);
});
afterAll(() => aws.close());
beforeEach(() => {
  cfn = new CloudFormation(aws); // a new stack per test: its own client tokens
  connect.instanceReadyAfterMs = 0;
  connect.instanceFailureReason = undefined;
});

async function deliver(...args: Parameters<CloudFormation['deliver']>): Promise<Delivery> {
  const delivery = await cfn.deliver(...args);
  deliveries.push(delivery);
  return delivery;
}

async function created(props: Record<string, unknown> = PROPS) {
  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, props));
  expect(answer.Status).toBe('SUCCESS');
  return answer.PhysicalResourceId as string;
}

test('Create makes an instance, waits until it is ACTIVE and answers with its id and ARN', async () => {
  connect.instanceReadyAfterMs = 2_500;
  const before = aws.count('CreateInstance');

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, PROPS));

  expect(answer).toMatchObject({ Status: 'SUCCESS', LogicalResourceId: 'Instance', StackId: cfn.stackId });
  const instance = connect.instances.get(answer.PhysicalResourceId)!;
  expect(answer.Data).toEqual({ Id: instance.Id, Arn: instance.Arn });
  expect(aws.count('CreateInstance') - before).toBe(1);
  // Delivered as strings, sent as the API's types.
  expect(instance.request).toEqual({
    ClientToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    IdentityManagementType: 'CONNECT_MANAGED',
    InstanceAlias: 'corp-support',
    InboundCallsEnabled: true,
    OutboundCallsEnabled: false,
    // The ownership tag marks the instance as this stack's.
    Tags: { team: 'support', [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Instance` },
  });
});

test('the same Create delivered twice makes one instance with the same physical id', async () => {
  const event = cfn.createEvent('Instance', TYPE, PROPS);
  const instancesBefore = connect.instances.size;

  const first = await deliver(event);
  aws.answers.delete(event.RequestId);
  const second = await deliver(event);

  expect(second.answer.PhysicalResourceId).toBe(first.answer.PhysicalResourceId);
  expect(connect.instances.size - instancesBefore).toBe(1);
});

test('a tags-only update changes the tags in place', async () => {
  const id = await created();
  const creates = aws.count('CreateInstance');
  const props = { ...PROPS, Tags: { team: 'billing', cost: '42' } };

  const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, id, props, PROPS));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Id: id } });
  expect(connect.instances.get(id)!.Tags).toEqual({ team: 'billing', cost: '42', [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Instance` });
  expect(aws.count('CreateInstance')).toBe(creates);
});

test('removing a tag untags it', async () => {
  const id = await created({ ...PROPS, Tags: { team: 'support', cost: '42' } });

  await deliver(cfn.updateEvent('Instance', TYPE, id, { ...PROPS, Tags: { team: 'support' } }, { ...PROPS, Tags: { team: 'support', cost: '42' } }));

  expect(connect.instances.get(id)!.Tags).toEqual({ team: 'support', [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Instance` });
});

test('a call-flag update sets the instance attribute in place', async () => {
  const id = await created();
  const updates = aws.count('UpdateInstanceAttribute');

  const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, id, { ...PROPS, OutboundCallsEnabled: true }, PROPS));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  expect(connect.instances.get(id)!.OutboundCallsEnabled).toBe(true);
  // Only the flag that changed is written.
  expect(aws.count('UpdateInstanceAttribute') - updates).toBe(1);
});

test('an alias change creates a new instance; the cleanup Delete removes only the old one', async () => {
  const oldId = await created();
  const props = { ...PROPS, InstanceAlias: 'corp-support-2' };

  const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, oldId, props, PROPS));
  const newId = answer.PhysicalResourceId;

  expect(answer.Status).toBe('SUCCESS');
  expect(newId).not.toBe(oldId);
  expect(connect.instances.get(newId)!.request.InstanceAlias).toBe('corp-support-2');
  expect(connect.instances.get(newId)!.request.ClientToken).not.toBe(connect.instances.get(oldId)!.request.ClientToken);

  const cleanup = await deliver(cfn.deleteEvent('Instance', TYPE, oldId, PROPS));

  expect(cleanup.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldId });
  expect(connect.instances.get(oldId)!.deleted).toBe(true);
  expect(connect.instances.get(newId)!.deleted).toBe(false);
});

test('changing the alias back creates another new instance, not the first one again', async () => {
  const first = await created();
  const second = (await deliver(cfn.updateEvent('Instance', TYPE, first, { ...PROPS, InstanceAlias: 'other' }, PROPS))).answer.PhysicalResourceId;

  const third = (await deliver(cfn.updateEvent('Instance', TYPE, second, PROPS, { ...PROPS, InstanceAlias: 'other' }))).answer.PhysicalResourceId;

  expect(new Set([first, second, third]).size).toBe(3);
});

test('Delete deletes the instance; deleting it again succeeds', async () => {
  const id = await created();

  const { answer } = await deliver(cfn.deleteEvent('Instance', TYPE, id, PROPS));
  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  expect(connect.instances.get(id)!.deleted).toBe(true);

  const again = await deliver(cfn.deleteEvent('Instance', TYPE, id, PROPS));
  expect(again.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
});

test('a Create that fails before anything exists answers a marker id that the following Delete skips', async () => {
  const creates = aws.count('CreateInstance');
  const bad = { ...PROPS, InstanceAlias: 'd-corp' };

  const failed = (await deliver(cfn.createEvent('Instance', TYPE, bad))).answer;
  expect(failed.Status).toBe('FAILED');
  expect(failed.Reason).toBe(
    'Instance (Custom::ConnectInstance): InstanceAlias (instanceAlias) must be 1–45 letters, digits or hyphens, not starting with "d-" and not starting or ending with a hyphen (got "d-corp")',
  );

  const deletes = aws.count('DeleteInstance');
  const rollback = await deliver(cfn.deleteEvent('Instance', TYPE, failed.PhysicalResourceId, bad));

  expect(rollback.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: failed.PhysicalResourceId });
  expect(aws.count('DeleteInstance')).toBe(deletes);
  expect(aws.count('CreateInstance')).toBe(creates);
});

test('CREATION_FAILED answers FAILED with the service reason and the instance id, which the rollback deletes', async () => {
  connect.instanceReadyAfterMs = 500;
  connect.instanceFailureReason = 'Directory limit exceeded';

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, PROPS));

  expect(answer.Status).toBe('FAILED');
  expect(connect.instances.has(answer.PhysicalResourceId)).toBe(true);
  expect(answer.Reason).toBe(`Instance: instance ${answer.PhysicalResourceId} failed to create: Directory limit exceeded`);

  const rollback = await deliver(cfn.deleteEvent('Instance', TYPE, answer.PhysicalResourceId, PROPS));
  expect(rollback.answer.Status).toBe('SUCCESS');
  expect(connect.instances.get(answer.PhysicalResourceId)!.deleted).toBe(true);
});

test('an unknown resource type answers FAILED, saying which types are served', async () => {
  const { answer } = await deliver(cfn.createEvent('Thing', 'Custom::Unknown', {}));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toMatch(/^Thing: unknown resource type "Custom::Unknown"; this handler serves .*Custom::ConnectInstance/);
});

test('malformed properties answer FAILED naming each property, and nothing is created', async () => {
  const creates = aws.count('CreateInstance');

  const { answer } = await deliver(
    cfn.createEvent('Instance', TYPE, { ...PROPS, InboundCallsEnabled: 'maybe', IdentityManagementType: 'LDAP', Colour: 'blue' }),
  );

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain('Colour is not a property of Custom::ConnectInstance');
  expect(answer.Reason).toContain('IdentityManagementType (identityManagementType) must be one of "SAML", "CONNECT_MANAGED", "EXISTING_DIRECTORY" (got "LDAP")');
  expect(answer.Reason).toContain('InboundCallsEnabled (inboundCallsEnabled) must be true or false (got "maybe")');
  expect(aws.count('CreateInstance')).toBe(creates);
});

test('when the invocation runs out of time the wait continues in a fresh invocation, answered once', async () => {
  connect.instanceReadyAfterMs = 6_000;

  const delivery = await deliver(cfn.createEvent('Instance', TYPE, PROPS), { remainingMs: 13_000 });

  expect(delivery.invocations).toBeGreaterThanOrEqual(2);
  expect(delivery.answer.Status).toBe('SUCCESS');
  expect(connect.instances.get(delivery.answer.PhysicalResourceId)!.deleted).toBe(false);
});

test('when the ServiceTimeout is nearly over the handler answers FAILED with the instance id instead of going silent', async () => {
  connect.instanceReadyAfterMs = 10 * 60_000;

  const delivery = await deliver(cfn.createEvent('Instance', TYPE, { ...PROPS, ServiceTimeout: 22 }));

  expect(delivery.answer.Status).toBe('FAILED');
  expect(connect.instances.has(delivery.answer.PhysicalResourceId)).toBe(true);
  expect(delivery.answer.Reason).toMatch(/^Instance: gave up on waiting for .* to become ready after \d+ s, before CloudFormation's ServiceTimeout$/);
});

test('no log line holds the ResponseURL or a client token', () => {
  const tokens = [...connect.instances.values()].map((i) => i.request.ClientToken as string);
  const logs = deliveries.flatMap((d) => d.logs).join('\n');
  expect(logs).toContain('"logicalId":"Instance"');
  expect(logs).not.toContain(RESPONSE_URL_SECRET);
  expect(logs).not.toContain('/__cfn/');
  for (const token of tokens) expect(logs).not.toContain(token);
});
