/**
 * FlowVersion through the whole CloudFormation lifecycle: the built handler bundle, real SDK
 * clients, a loopback fake of Connect's flow versions, events as CloudFormation delivers them.
 */
import { CloudFormation, Delivery } from './support/cloudformation';
import { FakeAws } from './support/fake-aws';
import { LifecycleDriver } from './support/lifecycle';
import { FakeFlow, FakeFlowVersions, sha256 } from './support/fake-flow-versions';

const TYPE = 'Custom::ConnectFlowVersion';
const REFERENCE = /\[cdk-connect-resources [0-9a-f]{16}\]$/;

let aws: FakeAws;
let connect: FakeFlowVersions;
let cfn: CloudFormation;
let flow: FakeFlow;

beforeAll(async () => {
  aws = await FakeAws.start();
  connect = new FakeFlowVersions(aws);
});
afterAll(() => aws.close());
beforeEach(() => {
  cfn = new CloudFormation(aws); // a new stack per test: its own client tokens
  connect.returnExistingVersionOfSameContent = false;
  flow = connect.addFlow();
});

/** Typed properties of a version of the test's flow (named by its ARN, as CfnContactFlow gives it). */
function props(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ServiceTimeout: 300,
    InstanceId: flow.InstanceId,
    ContactFlowId: flow.Arn,
    Description: 'Spring campaign',
    FlowContentSha256: sha256(flow.Content),
    ...extra,
  };
}

const driver = new LifecycleDriver(() => cfn, 'Version', TYPE);

async function created(p = props()): Promise<string> {
  return driver.created(p);
}

/** Calls of an operation made while `run` ran. */
async function counting<T>(operation: string, run: () => Promise<T>): Promise<{ result: T; calls: number }> {
  const before = aws.count(operation);
  const result = await run();
  return { result, calls: aws.count(operation) - before };
}

test('Create publishes the next version with the checksum and answers its ARN and number', async () => {
  connect.addFlow({ instanceId: flow.InstanceId }); // another flow of the instance: its versions do not count
  flow.latest = 4;

  const { answer } = await cfn.deliver(
    cfn.createEvent('Version', TYPE, props({ LastModifiedRegion: 'us-west-2', LastModifiedTime: 1_700_000_000 })),
  );

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: `${flow.Arn}:5`, Data: { Version: '5' } });
  expect(connect.live(flow).map((v) => v.Version)).toEqual([5]);
  // Delivered as strings, sent as the API's types; the flow's ARN became its id in the path.
  expect(connect.live(flow)[0].request).toEqual({
    ContactFlowVersion: 5,
    Description: expect.stringMatching(/^Spring campaign \[cdk-connect-resources [0-9a-f]{16}\]$/),
    FlowContentSha256: sha256(flow.Content),
    LastModifiedRegion: 'us-west-2',
    LastModifiedTime: 1_700_000_000,
  });
});

test('a given contactFlowVersionNumber is the number published', async () => {
  const id = await created(props({ ContactFlowVersion: 42 }));

  expect(id).toBe(`${flow.Arn}:42`);
  expect(connect.live(flow).map((v) => v.Version)).toEqual([42]);
});

test('the same Create delivered twice publishes one version and answers the same physical id', async () => {
  const event = cfn.createEvent('Version', TYPE, props());

  const { result: [first, second], calls } = await counting('CreateContactFlowVersion', async () => {
    const one = await cfn.deliver(event);
    aws.answers.delete(event.RequestId);
    return [one, await cfn.deliver(event)] as Delivery[];
  });

  expect(second.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first.answer.PhysicalResourceId, Data: { Version: '1' } });
  expect(connect.live(flow)).toHaveLength(1);
  expect(calls).toBe(1);
});

test('a connection reset after the service published: the SDK retries, and the version is adopted, not published again', async () => {
  aws.inject('CreateContactFlowVersion', 'reset-after');

  const { result, calls } = await counting('CreateContactFlowVersion', () => cfn.deliver(cfn.createEvent('Version', TYPE, props())));

  expect(calls).toBe(2); // the SDK resent the request; the service refused the number it had just used
  expect(result.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: `${flow.Arn}:1`, Data: { Version: '1' } });
  expect(connect.live(flow)).toHaveLength(1);
});

test('a handler that died after publishing: the redelivered event adopts the version', async () => {
  aws.inject('CreateContactFlowVersion', 'crash-after');
  const event = cfn.createEvent('Version', TYPE, props());

  const crashed = await cfn.deliver(event, { crashable: true });
  expect(crashed.answers).toHaveLength(0);
  const redelivered = await cfn.deliver(event);

  expect(redelivered.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: `${flow.Arn}:1` });
  expect(connect.live(flow)).toHaveLength(1);
});

test('a derived number that a deleted version used moves up to the next free one', async () => {
  flow.latest = 2; // versions 1 and 2 existed; 2 was deleted, so the list shows none above 1
  flow.versions.push({ Version: 1, request: { Description: 'old' }, FlowContentSha256: 'x', deleted: false });

  const id = await created();

  expect(id).toBe(`${flow.Arn}:3`);
  expect(connect.live(flow).map((v) => v.Version)).toEqual([1, 3]);
});

test('a checksum other than $LATEST’s answers FAILED saying which was expected, and publishes nothing', async () => {
  const wrong = 'a'.repeat(64);

  const { answer } = await cfn.deliver(cfn.createEvent('Version', TYPE, props({ FlowContentSha256: wrong })));

  expect(answer.Status).toBe('FAILED');
  expect(answer.PhysicalResourceId).toMatch(/^cdk-connect-resources:failed-create:/);
  expect(answer.Reason).toBe(
    `Version: FlowContentSha256 (flowContentSha256) does not match the $LATEST published content of flow ${flow.Id}: expected ${wrong}, the flow has ${sha256(flow.Content)}. Publish the flow content you meant, or give its checksum`,
  );
  expect(connect.live(flow)).toHaveLength(0);
});

test('a flow that is not a CAMPAIGN flow answers FAILED saying so', async () => {
  flow = connect.addFlow({ type: 'CONTACT_FLOW' });

  const { answer } = await cfn.deliver(cfn.createEvent('Version', TYPE, props()));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toBe(`Version: ContactFlowId (contactFlow): flow ${flow.Id} is of type CONTACT_FLOW; Amazon Connect publishes versions of CAMPAIGN flows only`);
  expect(connect.live(flow)).toHaveLength(0);
});

test('a flow that does not exist answers FAILED naming flow and instance', async () => {
  const { answer } = await cfn.deliver(cfn.createEvent('Version', TYPE, props({ ContactFlowId: 'f0f0f0f0-0000-4000-8000-000000000000' })));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toBe(`Version: ContactFlowId (contactFlow): flow f0f0f0f0-0000-4000-8000-000000000000 was not found in instance ${flow.InstanceId}`);
});

test('a given contactFlowVersionNumber at or below the latest answers FAILED saying which numbers are free', async () => {
  await created(props({ ContactFlowVersion: 3, Description: 'first' }));

  const { answer } = await cfn.deliver(cfn.createEvent('Other', TYPE, props({ ContactFlowVersion: 3 })));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toMatch(
    new RegExp(`^Other: ContactFlowVersion \\(contactFlowVersionNumber\\) 3 cannot be published: flow ${flow.Id} already has versions up to 3, and version numbers are never reused\\. Give a number above 3`),
  );
  expect(connect.live(flow)).toHaveLength(1);
});

test('a contactFlowVersionNumber above 2^53 - 1 answers FAILED before any call: the SDK cannot send it exactly', async () => {
  const { result, calls } = await counting('CreateContactFlowVersion', () =>
    cfn.deliver(cfn.createEvent('Version', TYPE, props({ ContactFlowVersion: '9007199254740993' }))),
  );

  expect(calls).toBe(0);
  expect(result.answer.Status).toBe('FAILED');
  expect(result.answer.Reason).toContain('contactFlowVersionNumber must be at most 9007199254740991');
  expect(result.answer.Reason).toContain('(got 9007199254740993)');
});

test.each([['-1', 'before 1970'], ['253402300800', 'after the year 9999']])('a LastModifiedTime of %s (%s) answers FAILED naming the property, before any call', async (value) => {
  const { result, calls } = await counting('CreateContactFlowVersion', () => cfn.deliver(cfn.createEvent('Version', TYPE, props({ LastModifiedTime: value }))));

  expect(calls).toBe(0);
  expect(result.answer.Status).toBe('FAILED');
  expect(result.answer.Reason).toContain(`LastModifiedTime (lastModifiedTime) must be a time in whole seconds since 1970-01-01T00:00:00Z, from 0 to 253402300799 (9999-12-31T23:59:59Z)`);
  expect(result.answer.Reason).toContain(`(got ${value})`);
});

test('a service that hands back an existing version of the same content: not adopted, FAILED saying why', async () => {
  await created(props({ Description: 'first' }));
  connect.returnExistingVersionOfSameContent = true;

  const { answer } = await cfn.deliver(cfn.createEvent('Other', TYPE, props()));

  expect(answer.Status).toBe('FAILED');
  expect(answer.PhysicalResourceId).toMatch(/^cdk-connect-resources:failed-create:/);
  expect(answer.Reason).toMatch(/^Other: Amazon Connect answered with the existing version 1 of flow .* instead of publishing version 2/);
});

test('an update publishes a new version; the cleanup Delete removes only the old one', async () => {
  const oldId = await created();
  const changed = props({ Description: 'Spring campaign, second wave' });

  const { answer } = await cfn.deliver(cfn.updateEvent('Version', TYPE, oldId, changed, props()));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: `${flow.Arn}:2`, Data: { Version: '2' } });
  expect(connect.live(flow).map((v) => v.Version)).toEqual([1, 2]);
  expect(connect.live(flow)[1].request.Description).toMatch(/^Spring campaign, second wave /);
  // A new token for the replacement: the old version is not mistaken for the new one.
  expect(connect.live(flow)[1].request.Description.match(REFERENCE)[0]).not.toBe(connect.live(flow)[0].request.Description.match(REFERENCE)[0]);

  const cleanup = await cfn.deliver(cfn.deleteEvent('Version', TYPE, oldId, props()));

  expect(cleanup.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldId });
  expect(connect.live(flow).map((v) => v.Version)).toEqual([2]);
});

test('an update that changes no property of the version keeps it and calls nothing', async () => {
  const id = await created();

  const { result, calls } = await counting('CreateContactFlowVersion', () =>
    cfn.deliver(cfn.updateEvent('Version', TYPE, id, { ...props(), ServiceTimeout: 600 }, props())),
  );

  expect(result.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { Version: '1' } });
  expect(calls).toBe(0);
});

test('Delete deletes the version; deleting it again succeeds', async () => {
  const id = await created();

  const { answer } = await cfn.deliver(cfn.deleteEvent('Version', TYPE, id, props()));
  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  expect(connect.live(flow)).toHaveLength(0);

  const again = await cfn.deliver(cfn.deleteEvent('Version', TYPE, id, props()));
  expect(again.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
});

test('the Delete after a failed Create calls nothing', async () => {
  const bad = props({ FlowContentSha256: 'b'.repeat(64) });
  const failed = (await cfn.deliver(cfn.createEvent('Version', TYPE, bad))).answer;
  expect(failed.Status).toBe('FAILED');

  const { result, calls } = await counting('DeleteContactFlowVersion', () => cfn.deliver(cfn.deleteEvent('Version', TYPE, failed.PhysicalResourceId, bad)));

  expect(result.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: failed.PhysicalResourceId });
  expect(calls).toBe(0);
});
