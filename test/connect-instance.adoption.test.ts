/**
 * Adopting an existing instance (ConnectInstance `adoptInstance`, template property InstanceId)
 * through the whole CloudFormation lifecycle: the built handler bundle, real SDK clients, the
 * loopback fake of Connect holding an instance made "in the console" beforehand.
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ConnectInstance, ConnectInstanceProps, IdentityManagement } from '../src';
import { ADOPTION_TAG_KEY, OWNER_TAG_KEY } from '../src/contract';
import { UNSETTLED_CREATE_PREFIX } from '../src/handler/lifecycle';
import { ValidationError } from '../src/private/validation-error';
import { CloudFormation } from './support/cloudformation';
import { FakeAws } from './support/fake-aws';
import { FakeConnect, FakeInstance } from './support/fake-connect';
import { LifecycleDriver } from './support/lifecycle';

const TYPE = 'Custom::ConnectInstance';

let aws: FakeAws;
let connect: FakeConnect;
let cfn: CloudFormation;
const driver = new LifecycleDriver(() => cfn, 'Instance', TYPE);
const deliver = driver.deliver.bind(driver);

beforeAll(async () => {
  aws = await FakeAws.start();
  connect = new FakeConnect(aws);
});
afterAll(() => aws.close());
beforeEach(() => {
  cfn = new CloudFormation(aws);
  connect.refusedAttributes.clear();
});

/** An instance made outside any stack: inbound calls on, outbound off, contact lens on, one tag of its own. */
function consoleInstance(): FakeInstance {
  const instance = connect.seed({ IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: `console-${Math.random().toString(36).slice(2, 10)}`, InboundCallsEnabled: true, OutboundCallsEnabled: false });
  instance.attributes.CONTACT_LENS = 'true';
  instance.Tags = { 'cost-center': '4711' };
  return instance;
}

/** The properties of a ConnectInstance adopting `instance`: outbound calls turned on, contact lens off, a tag of the stack's. */
function adoptProps(instance: FakeInstance, extra: Record<string, unknown> = {}) {
  return {
    ServiceTimeout: 1800,
    IdentityManagementType: 'CONNECT_MANAGED',
    InstanceAlias: instance.request.InstanceAlias,
    InboundCallsEnabled: true,
    OutboundCallsEnabled: true,
    ContactLensEnabled: false,
    Tags: { team: 'support' },
    InstanceId: instance.Id,
    ...extra,
  };
}

const owner = () => `${cfn.stackId.split('/').pop()}/Instance`;

test('Create adopts an ACTIVE instance: no CreateInstance, exactly one TagResource, attributes and tags brought to the props', async () => {
  const instance = consoleInstance();
  const before = { creates: aws.count('CreateInstance'), tags: aws.count('TagResource') };

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, adoptProps(instance)));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: instance.Id, Data: { Id: instance.Id, Arn: instance.Arn, InstanceStatus: 'ACTIVE' } });
  expect(Object.keys(answer.Data).sort()).toEqual(['Arn', 'CreatedTime', 'Id', 'InstanceStatus', 'ServiceRole']);
  expect(aws.count('CreateInstance')).toBe(before.creates);
  expect(aws.count('TagResource') - before.tags).toBe(1);
  expect(instance.Tags).toMatchObject({ 'cost-center': '4711', team: 'support', [OWNER_TAG_KEY]: owner() });
  expect(instance.attributes).toMatchObject({ INBOUND_CALLS: 'true', OUTBOUND_CALLS: 'true', CONTACT_LENS: 'false' });
});

test('an instance owned by another stack is refused, naming the owner, and nothing is changed', async () => {
  const instance = consoleInstance();
  instance.Tags[OWNER_TAG_KEY] = 'b7e1c0de-0000-4000-8000-000000000000/CallCenter';
  const tagsBefore = { ...instance.Tags };
  const calls = { tag: aws.count('TagResource'), attribute: aws.count('UpdateInstanceAttribute') };

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, adoptProps(instance)));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain('b7e1c0de-0000-4000-8000-000000000000/CallCenter');
  expect(answer.Reason).toContain('resource CallCenter');
  expect(answer.PhysicalResourceId).toMatch(/^cdk-connect-resources:failed-create:/);
  expect(instance.Tags).toEqual(tagsBefore);
  expect(aws.count('TagResource')).toBe(calls.tag);
  expect(aws.count('UpdateInstanceAttribute')).toBe(calls.attribute);
});

test.each([
  ['an alias that differs', () => ({ InstanceAlias: 'another-alias' }), 'not "another-alias" (instanceAlias)'],
  ['another identity management type', () => ({ IdentityManagementType: 'SAML' }), 'its identity management type is CONNECT_MANAGED, not SAML'],
  ['an instance that does not exist', () => ({ InstanceId: '00000000-0000-4000-8000-000000000000' }), 'there is no instance 00000000-0000-4000-8000-000000000000 to adopt'],
])('%s is refused before anything is changed', async (_name, override, reason) => {
  const instance = consoleInstance();
  const tags = aws.count('TagResource');

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, adoptProps(instance, override())));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain(reason);
  expect(aws.count('TagResource')).toBe(tags);
});

test('an instance still being created is not adopted', async () => {
  const instance = connect.seed({ IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: 'still-creating', InboundCallsEnabled: true, OutboundCallsEnabled: false });
  (instance as { readyAt: number }).readyAt = Date.now() + 60_000;

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, adoptProps(instance)));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain('its status is CREATION_IN_PROGRESS, not ACTIVE');
});

test('the same Create delivered twice tags once and keeps the first record of what was there', async () => {
  const instance = consoleInstance();
  const event = cfn.createEvent('Instance', TYPE, adoptProps(instance));
  const tags = aws.count('TagResource');

  const first = await deliver(event);
  const record = instance.Tags[ADOPTION_TAG_KEY];
  aws.answers.delete(event.RequestId);
  const second = await deliver(event);

  expect(second.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first.answer.PhysicalResourceId });
  expect(aws.count('TagResource') - tags).toBe(1);
  expect(instance.Tags[ADOPTION_TAG_KEY]).toBe(record);
});

test('Update changes attributes and tags of an adopted instance in place', async () => {
  const instance = consoleInstance();
  const props = adoptProps(instance);
  const id = await driver.created(props);
  const creates = aws.count('CreateInstance');
  const changed = { ...props, OutboundCallsEnabled: false, EarlyMediaEnabled: true, Tags: { team: 'billing' } };

  const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, id, changed, props));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: instance.Id });
  expect(instance.attributes).toMatchObject({ OUTBOUND_CALLS: 'false', EARLY_MEDIA: 'true' });
  expect(instance.Tags).toMatchObject({ team: 'billing', [OWNER_TAG_KEY]: owner() });
  expect(aws.count('CreateInstance')).toBe(creates);
});

test('Delete of an adopted instance (no DestroyAdopted) hands it back: never DeleteInstance', async () => {
  const instance = consoleInstance();
  const props = adoptProps(instance);
  const id = await driver.created(props);
  const deletes = aws.count('DeleteInstance');

  const { answer } = await deliver(cfn.deleteEvent('Instance', TYPE, id, props));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: instance.Id });
  expect(aws.count('DeleteInstance')).toBe(deletes);
  expect(connect.live()).toContain(instance);
  expect(instance.Tags).toEqual({ 'cost-center': '4711' });
  expect(instance.attributes).toMatchObject({ OUTBOUND_CALLS: 'false', CONTACT_LENS: 'true' });
});

test('the rollback of a failed adoption removes only the ownership tag, the tags it added and the attributes it changed', async () => {
  const instance = consoleInstance();
  instance.Tags.team = 'support'; // already there with the same value: not the adoption's to remove
  const before = { attributes: { ...instance.attributes }, tags: { ...instance.Tags } };
  // EARLY_MEDIA is refused by the service: the adoption fails after it changed other attributes.
  connect.refusedAttributes.add('EARLY_MEDIA');
  const props = adoptProps(instance, { EarlyMediaEnabled: true, Tags: { team: 'support', channel: 'voice' } });

  const { answer: failed } = await deliver(cfn.createEvent('Instance', TYPE, props));
  expect(failed.Status).toBe('FAILED');
  expect(failed.PhysicalResourceId).toBe(instance.Id); // the rollback's Delete is sent for it
  expect(instance.attributes.OUTBOUND_CALLS).toBe('true');
  expect(instance.Tags).toMatchObject({ channel: 'voice', [OWNER_TAG_KEY]: owner() });

  const untags = aws.count('UntagResource');
  const { answer } = await deliver(cfn.deleteEvent('Instance', TYPE, failed.PhysicalResourceId, props));

  expect(answer.Status).toBe('SUCCESS');
  expect(instance.Tags).toEqual(before.tags);
  expect(instance.attributes).toMatchObject(before.attributes);
  expect(aws.count('UntagResource') - untags).toBe(1);
  expect(aws.calls.filter((c) => c.operation === 'UntagResource').pop()!.query.getAll('tagKeys').sort()).toEqual([ADOPTION_TAG_KEY, OWNER_TAG_KEY, 'channel'].sort());
  expect(connect.live()).toContain(instance);
});

test('an attribute whose value is neither true nor false is set all the same; a hand-back leaves it as set', async () => {
  const instance = consoleInstance();
  instance.attributes.EARLY_MEDIA = 'ENABLED';
  const props = adoptProps(instance, { EarlyMediaEnabled: true });

  const id = await driver.created(props);
  expect(instance.attributes.EARLY_MEDIA).toBe('true');
  await deliver(cfn.deleteEvent('Instance', TYPE, id, props));

  expect(instance.attributes).toMatchObject({ EARLY_MEDIA: 'true', OUTBOUND_CALLS: 'false', CONTACT_LENS: 'true' });
});

test('with DestroyAdopted (RemovalPolicy.DESTROY) a Delete deletes the adopted instance', async () => {
  const instance = consoleInstance();
  const props = adoptProps(instance, { DestroyAdopted: true });
  const id = await driver.created(props);

  const { answer } = await deliver(cfn.deleteEvent('Instance', TYPE, id, props));

  expect(answer.Status).toBe('SUCCESS');
  expect(connect.live()).not.toContain(instance);
});

test('an instance handed back can be adopted by another stack', async () => {
  const instance = consoleInstance();
  const props = adoptProps(instance);
  const id = await driver.created(props);
  await deliver(cfn.deleteEvent('Instance', TYPE, id, props));

  cfn = new CloudFormation(aws);
  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, props));

  expect(answer.Status).toBe('SUCCESS');
  expect(instance.Tags[OWNER_TAG_KEY]).toBe(owner());
});

test('a throttled TagResource is retried; the adoption still tags once', async () => {
  const instance = consoleInstance();
  aws.inject('TagResource', 'throttle', 'throttle', 'throttle', 'throttle');
  const tags = { ...instance.Tags };

  const { answer } = await deliver(cfn.createEvent('Instance', TYPE, adoptProps(instance)));

  expect(answer.Status).toBe('SUCCESS');
  expect(Object.keys(instance.Tags).length).toBe(Object.keys(tags).length + 3);
});

describe('the rollback of a Create whose TagResource went unanswered (physical id: the unsettled-create marker)', () => {
  test('the tag had landed: the Delete finds the instance by its ownership tag and hands it back', async () => {
    const instance = consoleInstance();
    const before = { attributes: { ...instance.attributes }, tags: { ...instance.Tags } };
    const props = adoptProps(instance);
    // The Create adopted the instance, but CloudFormation never saw its answer as SUCCESS.
    const create = cfn.createEvent('Instance', TYPE, props);
    expect((await deliver(create)).answer.Status).toBe('SUCCESS');
    const calls = { tag: aws.count('TagResource'), delete: aws.count('DeleteInstance') };

    const { answer } = await deliver(cfn.deleteEvent('Instance', TYPE, `${UNSETTLED_CREATE_PREFIX}${create.RequestId}`, props));

    expect(answer.Status).toBe('SUCCESS');
    expect(instance.Tags).toEqual(before.tags);
    expect(instance.attributes).toMatchObject(before.attributes);
    expect(aws.count('TagResource')).toBe(calls.tag);
    expect(aws.count('DeleteInstance')).toBe(calls.delete);
    expect(connect.live()).toContain(instance);
  });

  test('a TagResource answer lost after the tag landed is recovered by the repeat, which finds the tag: one adoption', async () => {
    const instance = consoleInstance();
    aws.inject('TagResource', 'reset-after');
    const tags = aws.count('TagResource');

    const { answer } = await deliver(cfn.createEvent('Instance', TYPE, adoptProps(instance)));

    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: instance.Id });
    expect(instance.Tags[OWNER_TAG_KEY]).toBe(owner());
    expect(aws.count('TagResource') - tags).toBeGreaterThanOrEqual(1);
  });

  test('the tag had not landed: the Delete neither adopts nor deletes the instance, even with DestroyAdopted', async () => {
    const instance = consoleInstance();
    const tagsBefore = { ...instance.Tags };
    const props = adoptProps(instance, { DestroyAdopted: true });
    const create = cfn.createEvent('Instance', TYPE, props);
    const calls = { tag: aws.count('TagResource'), delete: aws.count('DeleteInstance') };

    const { answer } = await deliver(cfn.deleteEvent('Instance', TYPE, `${UNSETTLED_CREATE_PREFIX}${create.RequestId}`, props));

    expect(answer.Status).toBe('SUCCESS');
    expect(instance.Tags).toEqual(tagsBefore);
    expect(aws.count('TagResource')).toBe(calls.tag);
    expect(aws.count('DeleteInstance')).toBe(calls.delete);
    expect(connect.live()).toContain(instance);
  });
});

describe('the construct', () => {
  const INSTANCE_ID = '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab';
  const INSTANCE_ARN = `arn:aws:connect:us-west-2:111122223333:instance/${INSTANCE_ID}`;
  const PROPS: ConnectInstanceProps = {
    identityManagement: IdentityManagement.connectManaged(),
    instanceAlias: 'console-made',
    inboundCallsEnabled: true,
    outboundCallsEnabled: true,
    adoptInstance: INSTANCE_ARN,
  };
  const stack = () => new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-west-2' } });

  /** Every statement of the handler's policy, resources resolved. */
  function statements(s: Stack): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
    const policies = Template.fromStack(s).findResources('AWS::IAM::Policy');
    return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  }
  const actions = (st: { Action: string | string[] }) => (Array.isArray(st.Action) ? st.Action : [st.Action]);

  test('the template names the instance (InstanceId) and keeps it on Delete except on the rollback of its creation', () => {
    const s = stack();
    new ConnectInstance(s, 'Instance', PROPS);

    Template.fromStack(s).hasResource('Custom::ConnectInstance', {
      Properties: { InstanceId: INSTANCE_ID, InstanceAlias: 'console-made' },
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
    });
    expect(JSON.stringify(Template.fromStack(s).toJSON())).not.toContain('DestroyAdopted');
  });

  test('the policy grants the adoption step on the named instance only: no CreateInstance, no DeleteInstance, nothing on instance/*', () => {
    const s = stack();
    new ConnectInstance(s, 'Instance', { ...PROPS, adoptInstance: INSTANCE_ID });

    const all = statements(s);
    const connect = all.filter((st) => actions(st).some((a) => a.startsWith('connect:')));
    expect(connect).toEqual([
      {
        Sid: 'ConnectAdoptInstance',
        Effect: 'Allow',
        Action: ['connect:DescribeInstance', 'connect:ListInstanceAttributes', 'connect:UpdateInstanceAttribute', 'connect:TagResource', 'connect:UntagResource'],
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:connect:us-west-2:111122223333:instance/${INSTANCE_ID}`]] },
      },
    ]);
    expect(all.some((st) => st.Resource === '*')).toBe(false);
  });

  test('RemovalPolicy.DESTROY, in the props or applied later, asks the handler to delete and grants DeleteInstance on that instance, tag-conditioned', () => {
    for (const apply of [(p: ConnectInstanceProps) => new ConnectInstance(stack(), 'Instance', { ...p, removalPolicy: RemovalPolicy.DESTROY }), (p: ConnectInstanceProps) => {
      const instance = new ConnectInstance(stack(), 'Instance', p);
      instance.applyRemovalPolicy(RemovalPolicy.DESTROY);
      return instance;
    }]) {
      const s = Stack.of(apply(PROPS));
      Template.fromStack(s).hasResource('Custom::ConnectInstance', { Properties: { DestroyAdopted: true }, DeletionPolicy: 'Delete' });
      const deletes = statements(s).filter((st) => actions(st).includes('connect:DeleteInstance'));
      expect(deletes).toEqual([expect.objectContaining({ Resource: INSTANCE_ARN, Condition: { StringLike: { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: expect.anything() } } })]);
    }
  });

  test('an adopted instance takes at most 48 tags: the ownership tag and the adoption record make 50', () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(() => new ConnectInstance(stack(), 'Instance', { ...PROPS, tags: tags(48) })).not.toThrow();
    expect(() => new ConnectInstance(stack(), 'Instance', { ...PROPS, tags: tags(49) })).toThrow('tags of an adopted instance must be at most 48 (got 49)');
    expect(() => new ConnectInstance(stack(), 'Instance', { ...PROPS, adoptInstance: undefined, tags: tags(49) })).not.toThrow();
  });

  test('a removal policy applied after DESTROY takes DestroyAdopted away again', () => {
    const s = stack();
    const instance = new ConnectInstance(s, 'Instance', { ...PROPS, removalPolicy: RemovalPolicy.DESTROY });
    instance.applyRemovalPolicy(RemovalPolicy.RETAIN);

    Template.fromStack(s).hasResource('Custom::ConnectInstance', { Properties: Match.objectLike({ InstanceId: INSTANCE_ID }), DeletionPolicy: 'Retain' });
    expect(JSON.stringify(Template.fromStack(s).toJSON())).not.toContain('DestroyAdopted');
  });

  test('the cross checks run for an adopted instance under DESTROY too (DestroyAdopted is no token)', () => {
    const tags = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v']));
    expect(() => new ConnectInstance(stack(), 'Instance', { ...PROPS, tags, removalPolicy: RemovalPolicy.DESTROY })).toThrow('tags of an adopted instance must be at most 48');
  });

  test('the call flags must be given with adoptInstance: their default would turn calls on in the adopted instance', () => {
    const { inboundCallsEnabled, outboundCallsEnabled, ...unstated } = PROPS;
    expect(() => new ConnectInstance(stack(), 'Instance', unstated)).toThrow('inboundCallsEnabled and outboundCallsEnabled must be given with adoptInstance');
    expect(() => new ConnectInstance(stack(), 'Instance', { ...unstated, inboundCallsEnabled })).toThrow(/outboundCallsEnabled must be given with adoptInstance.*\[spec\]$/);
    expect(() => new ConnectInstance(stack(), 'Instance', { ...unstated, inboundCallsEnabled, outboundCallsEnabled })).not.toThrow();
    expect(() => new ConnectInstance(stack(), 'Instance', { ...unstated, adoptInstance: undefined })).not.toThrow();
  });

  test('identityManagement and instanceAlias reach the template, for the handler to check against the instance', () => {
    const s = stack();
    new ConnectInstance(s, 'Instance', { ...PROPS, identityManagement: IdentityManagement.saml() });
    Template.fromStack(s).hasResourceProperties('Custom::ConnectInstance', { IdentityManagementType: 'SAML', InstanceAlias: 'console-made', InstanceId: INSTANCE_ID });
  });

  test.each([
    [`arn:aws:connect:us-west-2:111122223333:queue/${INSTANCE_ID}`, 'must be an instance id or an instance ARN'],
    [`arn:aws:connect:us-west-2:111122223333:instance/${INSTANCE_ID}/queue/x`, 'must be an instance id or an instance ARN'],
    [`arn:aws:connect:eu-west-1:111122223333:instance/${INSTANCE_ID}`, 'is in region eu-west-1, the stack in us-west-2'],
    ['', 'adoptInstance must be an instance id or ARN (got "")'],
  ])('adoptInstance %s is refused at synth', (arn, message) => {
    expect(() => new ConnectInstance(stack(), 'Instance', { ...PROPS, adoptInstance: arn })).toThrow(ValidationError);
    expect(() => new ConnectInstance(stack(), 'Instance', { ...PROPS, adoptInstance: arn })).toThrow(message);
  });
});
