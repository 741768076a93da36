/**
 * ConnectInstance through the whole CloudFormation lifecycle: the built handler bundle, real SDK
 * clients, a loopback fake of Connect, events with properties as CloudFormation delivers them.
 */
import { CloudFormation } from './support/cloudformation';
import { OWNER_TAG_KEY } from '../src/contract';
import { AwsError, FakeAws } from './support/fake-aws';
import { LifecycleDriver } from './support/lifecycle';
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
const driver = new LifecycleDriver(() => cfn, 'Instance', TYPE);

beforeAll(async () => {
  aws = await FakeAws.start();
  connect = new FakeConnect(aws);
});
afterAll(() => aws.close());
beforeEach(() => {
  cfn = new CloudFormation(aws); // a new stack per test: its own client tokens
  connect.instanceReadyAfterMs = 0;
  connect.instanceFailureReason = undefined;
  connect.instanceVisibleAfterMs = 0;
  connect.instanceGoneAfterMs = 0;
});

const deliver = driver.deliver.bind(driver);

async function created(props: Record<string, unknown> = PROPS): Promise<string> {
  return driver.created(props);
}

test('Create makes an instance, waits until it is ACTIVE and answers with its id and ARN', async () => {
  connect.instanceReadyAfterMs = 2_500;
  const before = aws.count('CreateInstance');

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, PROPS));

  expect(answer).toMatchObject({ Status: 'SUCCESS', LogicalResourceId: 'Instance', StackId: cfn.stackId });
  const instance = connect.instances.get(answer.PhysicalResourceId)!;
  // The return values of AWS::Connect::Instance, from DescribeInstance.
  expect(answer.Data).toEqual({
    Id: instance.Id,
    Arn: instance.Arn,
    CreatedTime: new Date(instance.createdAt).toISOString().replace(/\.000Z$/, 'Z'),
    InstanceStatus: 'ACTIVE',
    ServiceRole: expect.stringMatching(/^arn:aws:iam::111122223333:role\/aws-service-role\/connect\.amazonaws\.com\/AWSServiceRoleForAmazonConnect_/),
  });
  expect(answer.Data.CreatedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
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

test('tags cannot take the ownership tag away: an Update whose old tags held it keeps it, and the stack can still delete its instance', async () => {
  const id = await created();
  const owner = { [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Instance` };
  const untags = aws.count('UntagResource');

  const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, id, PROPS, { ...PROPS, Tags: { ...PROPS.Tags, ...owner } }));

  expect(answer.Status).toBe('SUCCESS');
  expect(connect.instances.get(id)!.Tags).toEqual({ team: 'support', ...owner });
  expect(aws.count('UntagResource')).toBe(untags);
  const { answer: deleted } = await deliver(cfn.deleteEvent('Instance', TYPE, id, PROPS));
  expect(deleted.Status).toBe('SUCCESS');
  expect(connect.live().some((i) => i.Id === id)).toBe(false);
});

test('a call-flag update sets the instance attribute in place', async () => {
  const id = await created();
  const updates = aws.count('UpdateInstanceAttribute');

  const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, id, { ...PROPS, OutboundCallsEnabled: true }, PROPS));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  expect(connect.instances.get(id)!.attributes.OUTBOUND_CALLS).toBe('true');
  // Only the flag that changed is written.
  expect(aws.count('UpdateInstanceAttribute') - updates).toBe(1);
});

/** Every attribute beyond the call flags, by template property, with the InstanceAttributeType the API knows it by. */
const ATTRIBUTES = {
  AutoMuteAgentOnHoldEnabled: 'AUTO_MUTE_AGENT_ON_HOLD',
  AutoResolveBestVoicesEnabled: 'AUTO_RESOLVE_BEST_VOICES',
  ContactflowLogsEnabled: 'CONTACTFLOW_LOGS',
  ContactLensEnabled: 'CONTACT_LENS',
  EarlyMediaEnabled: 'EARLY_MEDIA',
  EnhancedChatMonitoringEnabled: 'ENHANCED_CHAT_MONITORING',
  EnhancedContactMonitoringEnabled: 'ENHANCED_CONTACT_MONITORING',
  HighVolumeOutBoundEnabled: 'HIGH_VOLUME_OUTBOUND',
  MessageStreamingEnabled: 'MESSAGE_STREAMING',
  MultiPartyChatConferenceEnabled: 'MULTI_PARTY_CHAT_CONFERENCE',
  MultiPartyConferenceEnabled: 'MULTI_PARTY_CONFERENCE',
  UseCustomTtsVoicesEnabled: 'USE_CUSTOM_TTS_VOICES',
};
// Alternating values, delivered as strings the way CloudFormation delivers them.
const ALL_SET = {
  ...PROPS,
  ...Object.fromEntries(Object.keys(ATTRIBUTES).map((name, i) => [name, String(i % 2 === 0)])),
};

test('Create sets every instance attribute once the instance is ACTIVE, one UpdateInstanceAttribute each', async () => {
  // The fake refuses attributes of an instance that is not ACTIVE yet.
  connect.instanceReadyAfterMs = 2_500;
  const updates = aws.count('UpdateInstanceAttribute');

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, ALL_SET));

  expect(answer.Status).toBe('SUCCESS');
  const instance = connect.instances.get(answer.PhysicalResourceId)!;
  expect(instance.attributes).toEqual({
    INBOUND_CALLS: 'true',
    OUTBOUND_CALLS: 'false',
    ...Object.fromEntries(Object.entries(ATTRIBUTES).map(([name, type]) => [type, (ALL_SET as Record<string, unknown>)[name]])),
  });
  // The call flags went with CreateInstance; only the other twelve needed a call.
  expect(aws.count('UpdateInstanceAttribute') - updates).toBe(12);
  expect(instance.request).not.toHaveProperty('ContactLensEnabled');
});

test('an update that flips two attributes makes exactly two UpdateInstanceAttribute calls', async () => {
  const id = await created(ALL_SET);
  const updates = aws.count('UpdateInstanceAttribute');
  const props = { ...ALL_SET, ContactLensEnabled: 'true', EarlyMediaEnabled: 'false' };
  expect(ALL_SET).toMatchObject({ ContactLensEnabled: 'false', EarlyMediaEnabled: 'true' });

  const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, id, props, ALL_SET));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Id: id, InstanceStatus: 'ACTIVE' } });
  expect(aws.count('UpdateInstanceAttribute') - updates).toBe(2);
  expect(connect.instances.get(id)!.attributes).toMatchObject({ CONTACT_LENS: 'true', EARLY_MEDIA: 'false' });
});

test('an attribute removed from the template is left as it is; one added is set', async () => {
  const id = await created({ ...PROPS, ContactLensEnabled: 'true' });
  const updates = aws.count('UpdateInstanceAttribute');

  await deliver(cfn.updateEvent('Instance', TYPE, id, { ...PROPS, EarlyMediaEnabled: 'false' }, { ...PROPS, ContactLensEnabled: 'true' }));

  expect(aws.count('UpdateInstanceAttribute') - updates).toBe(1);
  expect(connect.instances.get(id)!.attributes).toMatchObject({ CONTACT_LENS: 'true', EARLY_MEDIA: 'false' });
});

test('an attribute the service refuses fails the Create naming the attribute, with the instance id for the rollback', async () => {
  connect.refusedAttributes.add('USE_CUSTOM_TTS_VOICES');
  try {
    const { answer } = await deliver(cfn.createEvent('Instance', TYPE, { ...PROPS, UseCustomTtsVoicesEnabled: 'true' }));

    expect(answer.Status).toBe('FAILED');
    expect(connect.instances.has(answer.PhysicalResourceId)).toBe(true);
    expect(answer.Reason).toContain('USE_CUSTOM_TTS_VOICES (UseCustomTtsVoicesEnabled)');
    expect(answer.Reason).toContain('allow-listed');
    const rollback = await deliver(cfn.deleteEvent('Instance', TYPE, answer.PhysicalResourceId, PROPS));
    expect(rollback.answer.Status).toBe('SUCCESS');
    expect(connect.instances.get(answer.PhysicalResourceId)!.deleted).toBe(true);
  } finally {
    connect.refusedAttributes.clear();
  }
});

test('the GetAtt attributes come from DescribeInstance on update too; CreatedTime is ISO-8601 text in UTC', async () => {
  const id = await created();
  connect.instances.get(id)!.createdAt = Date.UTC(2026, 10, 30, 9, 15, 2);

  const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, id, { ...PROPS, Tags: { team: 'billing' } }, PROPS));

  expect(answer.Data).toEqual({
    Id: id,
    Arn: connect.instances.get(id)!.Arn,
    // A whole second has no fraction, as Java's Instant.toString() in AWS's own handler gives it.
    CreatedTime: '2026-11-30T09:15:02Z',
    InstanceStatus: 'ACTIVE',
    ServiceRole: expect.stringContaining(':role/aws-service-role/connect.amazonaws.com/'),
  });
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

test('a replacement that keeps the alias fails at once, creates nothing and says a new alias is needed', async () => {
  const id = await created();
  const creates = aws.count('CreateInstance');
  const props = { ...PROPS, IdentityManagementType: 'SAML' };

  const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, id, props, PROPS));

  expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
  expect(answer.Reason).toBe(
    `Instance: IdentityManagementType changed, which needs a new resource, but InstanceAlias (instanceAlias) did not. CloudFormation creates the ` +
      `replacement before it deletes ${id}, and the service keeps InstanceAlias unique: a replacement needs a new InstanceAlias. ` +
      'Change it together with IdentityManagementType; nothing was created',
  );
  expect(aws.count('CreateInstance')).toBe(creates);
});

test('a replacement that changes the alias too creates the new instance', async () => {
  const id = await created();
  const props = { ...PROPS, IdentityManagementType: 'SAML', InstanceAlias: 'corp-support-saml' };

  const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, id, props, PROPS));

  expect(answer.Status).toBe('SUCCESS');
  expect(answer.PhysicalResourceId).not.toBe(id);
  expect(connect.instances.get(answer.PhysicalResourceId)!.request).toMatchObject({ IdentityManagementType: 'SAML', InstanceAlias: 'corp-support-saml' });
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

test('DescribeInstance answering ResourceNotFoundException for a while after CreateInstance does not fail the Create', async () => {
  connect.instanceVisibleAfterMs = 5_000;

  const { answer, logs } = await deliver(cfn.createEvent('Instance', TYPE, PROPS));

  expect(answer.Status).toBe('SUCCESS');
  expect(logs.join('\n')).toContain('not visible yet after its creation');
});

test('Delete of an instance still being created waits until it settles, then deletes it and waits until it is gone', async () => {
  connect.instanceReadyAfterMs = 4_000;
  // As the handler creates it: carrying this stack's ownership tag, without which it is not deleted.
  const instance = connect.seed({ ...PROPS, ClientToken: 'seeded-still-creating', Tags: { ...PROPS.Tags, [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Instance` } });
  connect.instanceGoneAfterMs = 4_000;

  const { answer } = await deliver(cfn.deleteEvent('Instance', TYPE, instance.Id, PROPS));
  const answeredAt = Date.now();

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: instance.Id });
  const deletes = aws.calls.filter((c) => c.operation === 'DeleteInstance' && c.path.endsWith(instance.Id));
  expect(deletes).toHaveLength(1);
  expect(deletes[0].at).toBeGreaterThanOrEqual(instance.readyAt);
  // SUCCESS only once DescribeInstance said the instance was gone.
  expect(answeredAt).toBeGreaterThanOrEqual(instance.goneAt!);
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

test('a quota error (LimitExceededException, HTTP 429) answers FAILED at once, naming the quota and where to raise it', async () => {
  const creates = aws.count('CreateInstance');
  aws.inject('CreateInstance', new AwsError('LimitExceededException', 'The allowed limit for the resource has been exceeded.', 429));

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, PROPS));

  expect(answer.Status).toBe('FAILED');
  // One call: neither the SDK's retry strategy nor the handler's own retries take it for throttling.
  expect(aws.count('CreateInstance') - creates).toBe(1);
  expect(answer.Reason).toBe(
    'Instance: CreateInstance hit a service quota (LimitExceededException: The allowed limit for the resource has been exceeded.). ' +
      'This is not throttling: retrying does not help. Free capacity or raise the quota in the Service Quotas console ' +
      '(https://console.aws.amazon.com/servicequotas/); the quotas are listed at https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html',
  );
});

test('ServiceQuotaExceededException (HTTP 402) answers FAILED after one call', async () => {
  const creates = aws.count('CreateInstance');
  aws.inject('CreateInstance', new AwsError('ServiceQuotaExceededException', 'instances per account', 402));

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, PROPS));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain('CreateInstance hit a service quota (ServiceQuotaExceededException: instances per account)');
  expect(aws.count('CreateInstance') - creates).toBe(1);
});

test('throttling is still retried until it passes', async () => {
  aws.inject('CreateInstance', 'throttle', 'throttle');

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, PROPS));

  expect(answer.Status).toBe('SUCCESS');
});

test('a 404 other than ResourceNotFoundException does not mean gone: the Delete fails with its reason', async () => {
  const id = await created();
  aws.inject('DeleteInstance', new AwsError('UserNotFoundException', 'No user with the given id', 404));

  const { answer } = await deliver(cfn.deleteEvent('Instance', TYPE, id, PROPS));

  expect(answer).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id, Reason: 'Instance: UserNotFoundException: No user with the given id' });
  expect(connect.instances.get(id)!.deleted).toBe(false);
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
  expect(answer.Reason).toContain('IdentityManagementType (identityManagement) must be one of "SAML", "CONNECT_MANAGED", "EXISTING_DIRECTORY" (got "LDAP")');
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
  driver.expectCleanLogs(tokens);
});
