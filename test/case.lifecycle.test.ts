/**
 * Case through the whole CloudFormation lifecycle: the built handler bundle, real SDK clients, a
 * loopback fake of Connect Cases, events with properties as CloudFormation delivers them (every
 * nested scalar a string).
 */
import { CloudFormation } from './support/cloudformation';
import { OWNER_TAG_KEY, WITHHELD } from '../src/contract';
import { FakeAws } from './support/fake-aws';
import { LifecycleDriver } from './support/lifecycle';
import { FakeCases } from './support/fake-cases';
import { ACCOUNT, REGION } from './support/fake-connect';

const TYPE = 'Custom::ConnectCase';
const DOMAIN = '0e6f2c1a-7d4b-4c55-9a61-5b1f0c2d3e4f';
const TEMPLATE = 'b3c9e1d2-aaaa-4bbb-8ccc-111122223333';
const OTHER_TEMPLATE = 'c4d0f2e3-bbbb-4ccc-9ddd-444455556666';
const PROFILE = `arn:aws:profile:${REGION}:${ACCOUNT}:domains/support-customers/profiles/3f1e2d3c4b5a`;

const PROPS = {
  ServiceTimeout: 600,
  DomainId: DOMAIN,
  TemplateId: TEMPLATE,
  Fields: [
    { Id: 'title', Value: { StringValue: 'Refund for order 42' } },
    { Id: 'customer_id', Value: { StringValue: PROFILE } },
    { Id: 'refund_amount', Value: { DoubleValue: 42.5 } },
    { Id: 'vip', Value: { BooleanValue: true } },
    { Id: 'order_ref', Value: { StringValue: '1001' } },
  ],
  Tags: { team: 'support' },
};

let aws: FakeAws;
let fake: FakeCases;
let cfn: CloudFormation;
const driver = new LifecycleDriver(() => cfn, 'Refund', TYPE);

beforeAll(async () => {
  aws = await FakeAws.start();
  fake = new FakeCases(aws);
  fake.addDomain(DOMAIN, TEMPLATE, OTHER_TEMPLATE);
});
afterAll(() => aws.close());
beforeEach(() => {
  cfn = new CloudFormation(aws); // a new stack per test: its own client tokens
});

const deliver = driver.deliver.bind(driver);

async function created(props: Record<string, unknown> = PROPS): Promise<string> {
  return driver.created(props);
}

function caseByArn(arn: string) {
  return [...fake.cases.values()].find((c) => c.caseArn === arn)!;
}

function lastBody(operation: string): any {
  return aws.calls.filter((c) => c.operation === operation).at(-1)!.body;
}

test('Create makes a case with typed fields and answers with its ARN as physical id, CaseId and CaseArn', async () => {
  const before = aws.count('CreateCase');

  const { answer } = await deliver(cfn.createEvent('Refund', TYPE, { ...PROPS, PerformedBy: { CustomEntity: 'release-pipeline' } }));

  expect(answer).toMatchObject({ Status: 'SUCCESS', LogicalResourceId: 'Refund', StackId: cfn.stackId });
  const c = caseByArn(answer.PhysicalResourceId);
  expect(answer.Data).toEqual({ CaseId: c.caseId, CaseArn: c.caseArn });
  expect(aws.count('CreateCase') - before).toBe(1);
  // Delivered as strings ("42.5", "true"), sent as the API's types; a text that looks like a number stays text.
  expect(c.request).toEqual({
    templateId: TEMPLATE,
    clientToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    fields: [
      { id: 'title', value: { stringValue: 'Refund for order 42' } },
      { id: 'customer_id', value: { stringValue: PROFILE } },
      { id: 'refund_amount', value: { doubleValue: 42.5 } },
      { id: 'vip', value: { booleanValue: true } },
      { id: 'order_ref', value: { stringValue: '1001' } },
    ],
    performedBy: { customEntity: 'release-pipeline' },
    tags: { team: 'support', [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Refund` },
  });
});

test('the ARNs that the Cases L1s hand out for domain, template and field reach the API as ids', async () => {
  const props = {
    ...PROPS,
    DomainId: fake.domainArn(DOMAIN),
    TemplateId: `${fake.domainArn(DOMAIN)}/template/${TEMPLATE}`,
    Fields: [...PROPS.Fields, { Id: `${fake.domainArn(DOMAIN)}/field/escalated`, Value: { BooleanValue: false } }],
  };

  const c = caseByArn(await created(props));

  expect(c.domainId).toBe(DOMAIN);
  expect(c.templateId).toBe(TEMPLATE);
  expect(c.fields.escalated).toEqual({ booleanValue: false });
});

test('an empty field value reaches the API as emptyValue', async () => {
  const c = caseByArn(await created({ ...PROPS, Fields: [...PROPS.Fields, { Id: 'notes', Value: { EmptyValue: {} } }] }));

  expect(c.fields.notes).toEqual({ emptyValue: {} });
});

test('the same Create delivered twice makes one case with the same physical id', async () => {
  const event = cfn.createEvent('Refund', TYPE, PROPS);
  const casesBefore = fake.cases.size;

  const first = await deliver(event);
  aws.answers.delete(event.RequestId);
  const second = await deliver(event);

  expect(second.answer.PhysicalResourceId).toBe(first.answer.PhysicalResourceId);
  expect(fake.cases.size - casesBefore).toBe(1);
});

test('a connection reset after CreateCase was carried out is retried with the same token: one case', async () => {
  const casesBefore = fake.cases.size;
  const callsBefore = aws.count('CreateCase');
  aws.inject('CreateCase', 'reset-after');

  const { answer } = await deliver(cfn.createEvent('Refund', TYPE, PROPS));

  expect(answer.Status).toBe('SUCCESS');
  expect(aws.count('CreateCase') - callsBefore).toBe(2);
  expect(fake.cases.size - casesBefore).toBe(1);
  expect(caseByArn(answer.PhysicalResourceId).deleted).toBe(false);
});

test('a throttled CreateCase is retried and makes the case once', async () => {
  const casesBefore = fake.cases.size;
  const callsBefore = aws.count('CreateCase');
  aws.inject('CreateCase', 'throttle', 'throttle');

  const { answer } = await deliver(cfn.createEvent('Refund', TYPE, PROPS));

  expect(answer.Status).toBe('SUCCESS');
  expect(aws.count('CreateCase') - callsBefore).toBe(3);
  expect(fake.cases.size - casesBefore).toBe(1);
});

test('cases created together beyond the service rate all succeed, one case each', async () => {
  const casesBefore = fake.cases.size;
  const callsBefore = aws.count('CreateCase');
  aws.rateLimits.set('CreateCase', 2);
  try {
    const events = Array.from({ length: 6 }, (_, i) => cfn.createEvent(`Refund${i}`, TYPE, PROPS));

    const answers = (await Promise.all(events.map((e) => deliver(e)))).map((d) => d.answer);

    expect(answers.map((a) => a.Status)).toEqual(Array(6).fill('SUCCESS'));
    expect(new Set(answers.map((a) => a.PhysicalResourceId)).size).toBe(6);
    expect(fake.cases.size - casesBefore).toBe(6);
    // Some calls were turned away: the rate limit was reached and ridden out.
    expect(aws.count('CreateCase') - callsBefore).toBeGreaterThan(6);
  } finally {
    aws.rateLimits.delete('CreateCase');
  }
});

test('a field update writes only the changed fields in place and clears a removed one', async () => {
  const arn = await created();
  const creates = aws.count('CreateCase');
  const updates = aws.count('UpdateCase');
  const fields = [
    { Id: 'title', Value: { StringValue: 'Refund for order 42' } },
    { Id: 'customer_id', Value: { StringValue: PROFILE } },
    { Id: 'refund_amount', Value: { DoubleValue: 50 } }, // changed
    { Id: 'vip', Value: { BooleanValue: true } },
    // order_ref removed
    { Id: 'channel', Value: { StringValue: 'email' } }, // added
  ];

  const { answer } = await deliver(cfn.updateEvent('Refund', TYPE, arn, { ...PROPS, Fields: fields }, PROPS));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn, Data: { CaseArn: arn, CaseId: caseByArn(arn).caseId } });
  expect(aws.count('CreateCase')).toBe(creates);
  expect(aws.count('UpdateCase') - updates).toBe(1);
  expect(lastBody('UpdateCase')).toEqual({
    fields: [
      { id: 'refund_amount', value: { doubleValue: 50 } },
      { id: 'channel', value: { stringValue: 'email' } },
      { id: 'order_ref', value: { emptyValue: {} } },
    ],
  });
  expect(caseByArn(arn).fields).toEqual({
    title: { stringValue: 'Refund for order 42' },
    customer_id: { stringValue: PROFILE },
    refund_amount: { doubleValue: 50 },
    vip: { booleanValue: true },
    order_ref: { emptyValue: {} },
    channel: { stringValue: 'email' },
  });
});

test('the update carries performedBy to UpdateCase', async () => {
  const props = { ...PROPS, PerformedBy: { CustomEntity: 'release-pipeline' } };
  const arn = await created(props);
  const fields = PROPS.Fields.map((f) => (f.Id === 'vip' ? { Id: 'vip', Value: { BooleanValue: false } } : f));

  await deliver(cfn.updateEvent('Refund', TYPE, arn, { ...props, Fields: fields }, props));

  expect(lastBody('UpdateCase')).toEqual({ fields: [{ id: 'vip', value: { booleanValue: false } }], performedBy: { customEntity: 'release-pipeline' } });
});

test('a tags-only update changes the tags in place and calls no UpdateCase', async () => {
  const arn = await created({ ...PROPS, Tags: { team: 'support', cost: '42' } });
  const updates = aws.count('UpdateCase');

  const { answer } = await deliver(
    cfn.updateEvent('Refund', TYPE, arn, { ...PROPS, Tags: { team: 'billing', region: 'emea' } }, { ...PROPS, Tags: { team: 'support', cost: '42' } }),
  );

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
  expect(caseByArn(arn).tags).toEqual({ team: 'billing', region: 'emea', [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Refund` });
  expect(aws.count('UpdateCase')).toBe(updates);
  expect(lastBody('TagResource')).toEqual({ tags: { team: 'billing', region: 'emea' } });
});

test('tags cannot take the ownership tag away: an Update whose old tags held it keeps it, and the stack can still delete its case', async () => {
  const arn = await created();
  const owner = { [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Refund` };
  const untags = aws.count('UntagResource');

  const { answer } = await deliver(cfn.updateEvent('Refund', TYPE, arn, PROPS, { ...PROPS, Tags: { ...PROPS.Tags, ...owner } }));

  expect(answer.Status).toBe('SUCCESS');
  expect(caseByArn(arn).tags).toEqual({ team: 'support', ...owner });
  expect(aws.count('UntagResource')).toBe(untags);
  const deletes = aws.count('DeleteCase');
  const { answer: deleted } = await deliver(cfn.deleteEvent('Refund', TYPE, arn, PROPS));
  expect(deleted.Status).toBe('SUCCESS');
  expect(aws.count('DeleteCase')).toBe(deletes + 1);
});

test('a template change creates a new case; the cleanup Delete removes only the old one', async () => {
  const oldArn = await created();
  const props = { ...PROPS, TemplateId: OTHER_TEMPLATE };

  const { answer } = await deliver(cfn.updateEvent('Refund', TYPE, oldArn, props, PROPS));
  const newArn = answer.PhysicalResourceId;

  expect(answer.Status).toBe('SUCCESS');
  expect(newArn).not.toBe(oldArn);
  expect(caseByArn(newArn).templateId).toBe(OTHER_TEMPLATE);
  expect(caseByArn(newArn).request.clientToken).not.toBe(caseByArn(oldArn).request.clientToken);

  const cleanup = await deliver(cfn.deleteEvent('Refund', TYPE, oldArn, PROPS));

  expect(cleanup.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldArn });
  expect(caseByArn(oldArn).deleted).toBe(true);
  expect(caseByArn(newArn).deleted).toBe(false);
});

test('Delete deletes the case; deleting it again succeeds', async () => {
  const arn = await created();
  const deletes = aws.count('DeleteCase');

  const { answer } = await deliver(cfn.deleteEvent('Refund', TYPE, arn, PROPS));
  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
  expect(caseByArn(arn).deleted).toBe(true);

  const again = await deliver(cfn.deleteEvent('Refund', TYPE, arn, PROPS));
  expect(again.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: arn });
  // The second Delete finds no case to check the ownership tag of: already gone, no DeleteCase.
  expect(aws.count('DeleteCase') - deletes).toBe(1);
});

test('a Create without a title fails before any call, and the following Delete makes none', async () => {
  const creates = aws.count('CreateCase');
  const bad = { ...PROPS, Fields: PROPS.Fields.filter((f) => f.Id !== 'title') };

  const failed = (await deliver(cfn.createEvent('Refund', TYPE, bad))).answer;
  expect(failed.Status).toBe('FAILED');
  expect(failed.Reason).toBe(`Refund (Custom::ConnectCase): Fields (fields) must include 'title'`);

  const deletes = aws.count('DeleteCase');
  const rollback = await deliver(cfn.deleteEvent('Refund', TYPE, failed.PhysicalResourceId, bad));

  expect(rollback.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: failed.PhysicalResourceId });
  expect(aws.count('DeleteCase')).toBe(deletes);
  expect(aws.count('CreateCase')).toBe(creates);
});

test('malformed properties answer FAILED naming each property', async () => {
  const { answer } = await deliver(
    cfn.createEvent('Refund', TYPE, {
      ...PROPS,
      Fields: [...PROPS.Fields, { Id: 'refund_amount', Value: { DoubleValue: 'lots' } }],
      ClientToken: 'x'.repeat(65),
    }),
  );

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain(`Fields (fields) must not give field "refund_amount" twice; must give field "refund_amount" a finite number in plain decimal notation (got ${WITHHELD})`);
  expect(answer.Reason).toContain('ClientToken (clientToken) must have at most 64 characters');
});

test('a CreateCase the service refuses answers FAILED with its reason and a marker id', async () => {
  const { answer } = await deliver(cfn.createEvent('Refund', TYPE, { ...PROPS, TemplateId: 'no-such-template' }));

  expect(answer.Status).toBe('FAILED');
  expect(answer.PhysicalResourceId).toMatch(/^cdk-connect-resources:failed-create:/);
  // Cases may repeat field values in its messages: only the error's type and status are shown.
  expect(answer.Reason).toBe(`Refund: ResourceNotFoundException (HTTP 404; the service's message is not shown: it may repeat customer data)`);
});

test('no log line holds the ResponseURL or a client token', () => {
  const tokens = [...fake.cases.values()].map((c) => c.request.clientToken as string);
  driver.expectCleanLogs(tokens);
});
