/**
 * EngagementContext through the whole CloudFormation lifecycle: the built handler bundle, the
 * real Partner Central Selling client (awsJson1_0), a loopback fake of the service, events with
 * properties as CloudFormation delivers them. The function runs in us-west-2; Partner Central
 * lives in us-east-1.
 */
import { CloudFormation } from './support/cloudformation';
import { WITHHELD } from '../src/contract';
import { FakeAws } from './support/fake-aws';
import { LifecycleDriver } from './support/lifecycle';
import { REGION } from './support/fake-connect';
import { FakeEngagement, FakePartnerCentral } from './support/fake-partner-central';

const TYPE = 'Custom::PartnerCentralEngagementContext';
const CUSTOMER_PROJECT = {
  CustomerProject: {
    Customer: { CompanyName: 'Example Corp', CountryCode: 'US', Industry: 'Software and Internet', WebsiteUrl: 'https://www.example.com' },
    Project: { Title: 'Contact center migration', BusinessProblem: 'Move 400 agents to Amazon Connect by spring.', TargetCompletionDate: '2027-03-31' },
  },
};
const LEAD = {
  Lead: {
    Customer: { CompanyName: 'Example Corp', Address: { PostalCode: 98101, CountryCode: 'US' } },
    Interactions: [
      {
        SourceType: 'Event',
        InteractionDate: '2026-05-01T09:30:00Z',
        Contact: { BusinessTitle: 'CTO', Email: 'jane@example.com', FirstName: 'Jane', LastName: 'Doe' },
      },
    ],
  },
};

let aws: FakeAws;
let partner: FakePartnerCentral;
let cfn: CloudFormation;
let engagement: FakeEngagement;
const driver = new LifecycleDriver(() => cfn, 'Context', TYPE);

beforeAll(async () => {
  aws = await FakeAws.start();
  partner = new FakePartnerCentral(aws);
});
afterAll(() => aws.close());
beforeEach(() => {
  cfn = new CloudFormation(aws); // a new stack per test: its own client tokens
  engagement = partner.addEngagement('Sandbox');
  partner.concurrentWritesBeforeUpdate = 0;
});

function props(overrides: Record<string, unknown> = {}) {
  return { ServiceTimeout: 300, Catalog: 'Sandbox', EngagementIdentifier: engagement.Id, Type: 'CustomerProject', Payload: CUSTOMER_PROJECT, ...overrides };
}

const deliver = driver.deliver.bind(driver);

async function created(p: Record<string, unknown> = props()): Promise<string> {
  return driver.created(p);
}

/** Calls of an operation made after the given count of all calls. */
function callsSince(mark: number, operation?: string) {
  return aws.calls.slice(mark).filter((c) => c.operation !== 'CloudFormationAnswer' && (!operation || c.operation === operation));
}

test('Create adds the context to the engagement and answers with its ids', async () => {
  const { answer } = await deliver(cfn.createEvent('Context', TYPE, props()));

  expect(answer).toMatchObject({ Status: 'SUCCESS', LogicalResourceId: 'Context', PhysicalResourceId: `Sandbox/${engagement.Id}/1` });
  expect(answer.Data).toEqual({ ContextId: '1', EngagementId: engagement.Id, EngagementArn: engagement.Arn });
  expect(engagement.Contexts).toHaveLength(1);
  expect(engagement.Contexts[0].request).toEqual({
    Catalog: 'Sandbox',
    EngagementIdentifier: engagement.Id,
    ClientToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    Type: 'CustomerProject',
    Payload: CUSTOMER_PROJECT,
  });
});

test('requests go to Partner Central signed for us-east-1 although the function runs in us-west-2', async () => {
  expect(REGION).toBe('us-west-2');
  const mark = aws.calls.length;

  await created();

  const [call] = callsSince(mark);
  expect(call).toMatchObject({ operation: 'CreateEngagementContext', method: 'POST', path: '/' });
  expect(call.headers['x-amz-target']).toBe('AWSPartnerCentralSelling.CreateEngagementContext');
  expect(call.headers['content-type']).toBe('application/x-amz-json-1.0');
  expect(call.headers.authorization).toMatch(/Credential=AKIAFAKEFAKEFAKE\/\d{8}\/us-east-1\/partnercentral-selling\/aws4_request/);
});

test('the same Create delivered twice makes one context with the same physical id', async () => {
  const event = cfn.createEvent('Context', TYPE, props());

  const first = await deliver(event);
  aws.answers.delete(event.RequestId);
  const second = await deliver(event);

  expect(first.answer.Status).toBe('SUCCESS');
  expect(second.answer.PhysicalResourceId).toBe(first.answer.PhysicalResourceId);
  expect(engagement.Contexts).toHaveLength(1);
});

test('a lead is created with its interaction list and its scalars sent as the API types', async () => {
  const { answer } = await deliver(cfn.createEvent('Context', TYPE, props({ Type: 'Lead', Payload: LEAD })));

  expect(answer.Status).toBe('SUCCESS');
  const sent = engagement.Contexts[0].request.Payload.Lead;
  // PostalCode was a YAML number; the API takes a string.
  expect(sent.Customer.Address).toEqual({ PostalCode: '98101', CountryCode: 'US' });
  expect(sent.Interactions).toHaveLength(1);
  expect(Date.parse(sent.Interactions[0].InteractionDate)).toBe(Date.parse('2026-05-01T09:30:00Z'));
});

test('a payload update writes the context in place with the engagement time read just before', async () => {
  const id = await created();
  const readAt = engagement.ModifiedAt.toISOString();
  const changed = { CustomerProject: { ...CUSTOMER_PROJECT.CustomerProject, Project: { ...CUSTOMER_PROJECT.CustomerProject.Project, Title: 'Phase two' } } };
  const mark = aws.calls.length;

  const { answer } = await deliver(cfn.updateEvent('Context', TYPE, id, props({ Payload: changed }), props()));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  expect(callsSince(mark).map((c) => c.operation)).toEqual(['GetEngagement', 'UpdateEngagementContext']);
  const context = engagement.Contexts[0];
  expect(context.updates).toHaveLength(1);
  expect(context.updates[0]).toMatchObject({ ContextIdentifier: '1', Type: 'CustomerProject', Payload: changed });
  expect(Date.parse(context.updates[0].EngagementLastModifiedAt)).toBe(Date.parse(readAt));
  expect(context.Payload.CustomerProject.Project.Title).toBe('Phase two');
  expect(engagement.Contexts).toHaveLength(1);
});

test('an update that leaves the payload as it was writes nothing', async () => {
  const id = await created();
  const mark = aws.calls.length;

  const { answer } = await deliver(cfn.updateEvent('Context', TYPE, id, props({ ServiceTimeout: 600 }), props()));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { ContextId: '1', EngagementId: engagement.Id, EngagementArn: engagement.Arn } });
  expect(callsSince(mark, 'UpdateEngagementContext')).toHaveLength(0);
});

test('an update that meets a concurrent change reads the engagement again and succeeds', async () => {
  const id = await created();
  partner.concurrentWritesBeforeUpdate = 1;
  const changed = { CustomerProject: { Customer: { ...CUSTOMER_PROJECT.CustomerProject.Customer, CompanyName: 'Example Holdings' } } };
  const mark = aws.calls.length;

  const delivery = await deliver(cfn.updateEvent('Context', TYPE, id, props({ Payload: changed }), props()));

  expect(delivery.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  expect(callsSince(mark).map((c) => c.operation)).toEqual(['GetEngagement', 'UpdateEngagementContext', 'GetEngagement', 'UpdateEngagementContext']);
  expect(engagement.Contexts[0].Payload).toEqual(changed);
  expect(delivery.logs.join('\n')).toContain('engagement changed since it was read; reading it again');
});

test('an update whose engagement keeps changing fails after three attempts and keeps the context', async () => {
  const id = await created();
  partner.concurrentWritesBeforeUpdate = 10;
  const changed = { CustomerProject: { Customer: { ...CUSTOMER_PROJECT.CustomerProject.Customer, CompanyName: 'Example Holdings' } } };
  const mark = aws.calls.length;

  const { answer } = await deliver(cfn.updateEvent('Context', TYPE, id, props({ Payload: changed }), props()));

  expect(answer.Status).toBe('FAILED');
  expect(answer.PhysicalResourceId).toBe(id);
  expect(answer.Reason).toMatch(new RegExp(`^Context: engagement ${engagement.Id} kept changing while context 1 was being updated \\(ConflictException on 3 attempts\\)`));
  expect(callsSince(mark, 'UpdateEngagementContext')).toHaveLength(3);
  expect(engagement.Contexts[0].Payload).toEqual(CUSTOMER_PROJECT);
});

const INTERACTION = LEAD.Lead.Interactions[0];
const lead = (interaction = INTERACTION, extra: Record<string, unknown> = {}) => ({ Lead: { ...LEAD.Lead, ...extra, Interactions: [interaction] } });
const leadProps = (payload: unknown) => props({ Type: 'Lead', Payload: payload });

test('a lead update that changes only the qualification status adds no interaction to the history', async () => {
  const id = await created(leadProps(LEAD));

  const { answer } = await deliver(cfn.updateEvent('Context', TYPE, id, leadProps(lead(INTERACTION, { QualificationStatus: 'Qualified' })), leadProps(LEAD)));

  expect(answer.Status).toBe('SUCCESS');
  const sent = engagement.Contexts[0].updates[0].Payload.Lead;
  expect(sent.Interaction).toBeUndefined();
  expect(sent.QualificationStatus).toBe('Qualified');
  expect(engagement.Contexts[0].Payload.Lead.Interactions).toHaveLength(1);
});

test('a changed interaction is added to the lead history once; changing it back adds nothing', async () => {
  const id = await created(leadProps(LEAD));
  const followUp = { ...INTERACTION, SourceType: 'Meeting', InteractionDate: '2026-06-01T10:00:00Z' };

  const changed = await deliver(cfn.updateEvent('Context', TYPE, id, leadProps(lead(followUp)), leadProps(LEAD)));
  const back = await deliver(cfn.updateEvent('Context', TYPE, id, leadProps(LEAD), leadProps(lead(followUp))));

  expect([changed.answer.Status, back.answer.Status]).toEqual(['SUCCESS', 'SUCCESS']);
  expect(engagement.Contexts[0].updates[0].Payload.Lead.Interaction).toMatchObject({ SourceType: 'Meeting' });
  expect(engagement.Contexts[0].updates[1].Payload.Lead.Interaction).toBeUndefined();
  expect(engagement.Contexts[0].Payload.Lead.Interactions.map((i: any) => i.SourceType)).toEqual(['Event', 'Meeting']);
});

test('an interaction that would be the 11th in the lead history fails before anything is written, without customer data', async () => {
  const id = await created(leadProps(LEAD));
  const history = engagement.Contexts[0].Payload.Lead.Interactions;
  for (let day = 2; history.length < 10; day++) history.push({ ...history[0], InteractionDate: new Date(Date.UTC(2026, 5, day)).toISOString() });
  const updates = aws.count('UpdateEngagementContext');
  const eleventh = { ...INTERACTION, SourceType: 'Meeting', InteractionDate: '2026-07-01T10:00:00Z' };

  const { answer } = await deliver(cfn.updateEvent('Context', TYPE, id, leadProps(lead(eleventh)), leadProps(LEAD)));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toBe(
    'Context: Payload (payload): lead context 1 already holds 10 interactions, the most Partner Central keeps (10); the changed interaction ' +
      'would be one more. Nothing was written. Keep the interaction as it was, or record further interactions in a new context',
  );
  expect(aws.count('UpdateEngagementContext')).toBe(updates);
});

test('an engagement change creates a new context there; the cleanup Delete calls nothing and the old one remains', async () => {
  const oldId = await created();
  const other = partner.addEngagement('Sandbox');

  const { answer } = await deliver(cfn.updateEvent('Context', TYPE, oldId, props({ EngagementIdentifier: other.Arn }), props()));

  expect(answer.Status).toBe('SUCCESS');
  expect(answer.PhysicalResourceId).toBe(`Sandbox/${other.Id}/1`);
  expect(answer.Data).toEqual({ ContextId: '1', EngagementId: other.Id, EngagementArn: other.Arn });
  expect(other.Contexts[0].request.ClientToken).not.toBe(engagement.Contexts[0].request.ClientToken);

  const mark = aws.calls.length;
  const cleanup = await deliver(cfn.deleteEvent('Context', TYPE, oldId, props()));

  expect(cleanup.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldId });
  expect(callsSince(mark)).toHaveLength(0);
  expect(engagement.Contexts).toHaveLength(1);
});

test('a change of the payload kind creates a new context of the other type', async () => {
  const oldId = await created();

  const { answer } = await deliver(cfn.updateEvent('Context', TYPE, oldId, props({ Type: 'Lead', Payload: LEAD }), props()));

  expect(answer.Status).toBe('SUCCESS');
  expect(answer.PhysicalResourceId).toBe(`Sandbox/${engagement.Id}/2`);
  expect(engagement.Contexts.map((c) => c.Type)).toEqual(['CustomerProject', 'Lead']);
});

test('Delete makes no call and says plainly that nothing was deleted', async () => {
  const id = await created();
  const mark = aws.calls.length;

  const { answer, logs } = await deliver(cfn.deleteEvent('Context', TYPE, id, props()));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  expect(callsSince(mark)).toHaveLength(0);
  expect(logs.join('\n')).toContain('Partner Central has no API to delete an engagement context; nothing was deleted');
  expect(engagement.Contexts).toHaveLength(1);
});

test('an engagement the service does not know fails the Create with its error and a marker id', async () => {
  const { answer } = await deliver(cfn.createEvent('Context', TYPE, props({ EngagementIdentifier: 'eng-zzzzzzzzzzzzzz' })));

  expect(answer.Status).toBe('FAILED');
  expect(answer.PhysicalResourceId).toMatch(/^cdk-connect-resources:failed-create:/);
  // Partner Central may repeat contact details in its messages: only the error's type and status are shown.
  expect(answer.Reason).toMatch(/^Context: ResourceNotFoundException \(HTTP \d+; the service's message is not shown: it may repeat customer data\)$/);
});

test('malformed properties answer FAILED naming each property, and nothing is created', async () => {
  const mark = aws.calls.length;
  const bad = {
    CustomerProject: {
      Customer: { ...CUSTOMER_PROJECT.CustomerProject.Customer, CountryCode: 'USA' },
      Project: { ...CUSTOMER_PROJECT.CustomerProject.Project, TargetCompletionDate: '31/03/2027' },
    },
  };

  const { answer } = await deliver(cfn.createEvent('Context', TYPE, props({ Catalog: 'Production', EngagementIdentifier: 'engagement-1', Payload: bad })));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain('Catalog (catalog) must be one of "AWS", "Sandbox" (got "Production")');
  expect(answer.Reason).toContain('EngagementIdentifier (engagementIdentifier) must be an engagement id ("eng-" and 14 lower-case letters or digits) or an engagement ARN (got "engagement-1")');
  expect(answer.Reason).toContain('Payload (payload) member customer.countryCode (CustomerProject.Customer.CountryCode) must be a two-letter country code');
  expect(answer.Reason).toContain(`member project.targetCompletionDate (CustomerProject.Project.TargetCompletionDate) must be a date of the form YYYY-MM-DD that exists in the calendar (got ${WITHHELD})`);
  expect(answer.Reason).not.toContain('31/03/2027');
  expect(callsSince(mark)).toHaveLength(0);
});

test('a Type that disagrees with the payload is refused before any call', async () => {
  const mark = aws.calls.length;

  const { answer } = await deliver(cfn.createEvent('Context', TYPE, props({ Type: 'Lead' })));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toBe(`Context (${TYPE}): Type must name the payload's member: the payload holds CustomerProject but Type is "Lead"`);
  expect(callsSince(mark)).toHaveLength(0);
});

test('no log line holds the ResponseURL or a client token', () => {
  const tokens = [...partner.engagements.values()].flatMap((e) => e.Contexts.map((c) => c.request.ClientToken as string));
  expect(tokens.length).toBeGreaterThan(0);
  driver.expectCleanLogs(tokens);
});
