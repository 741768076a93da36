/**
 * Client tokens outlive the resources they made (the fakes answer a remembered token with its
 * resource, deleted or not). Removing a resource, deploying, and adding it back with the same
 * logical id and properties must make a fresh resource; docs/client-tokens.md explains why the
 * derived token achieves it. One test per resource type whose API takes a token.
 */
import { CloudFormation } from './support/cloudformation';
import { FakeAws } from './support/fake-aws';
import { ACCOUNT, FakeConnect, REGION } from './support/fake-connect';
import { FakeCases } from './support/fake-cases';
import { FakeEvaluations } from './support/fake-evaluations';
import { FakePartnerCentral } from './support/fake-partner-central';

const DOMAIN = '0e6f2c1a-7d4b-4c55-9a61-5b1f0c2d3e4f';
const TEMPLATE = 'b3c9e1d2-aaaa-4bbb-8ccc-111122223333';
const INSTANCE_ID = '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab';
const FORM_ID = '9d3c6f0a-1111-2222-3333-444455556666';

let aws: FakeAws;
let connect: FakeConnect;
let cases: FakeCases;
let evaluations: FakeEvaluations;
let partner: FakePartnerCentral;

beforeAll(async () => {
  aws = await FakeAws.start();
  connect = new FakeConnect(aws);
  cases = new FakeCases(aws);
  cases.addDomain(DOMAIN, TEMPLATE);
  evaluations = new FakeEvaluations(aws);
  evaluations.forms.set(FORM_ID, { active: true });
  partner = new FakePartnerCentral(aws);
});
afterAll(() => aws.close());

/** Creates, deletes, creates again with the same logical id and properties: returns both ids. */
async function addRemoveAdd(type: string, props: Record<string, unknown>, remove = true): Promise<[string, string]> {
  const cfn = new CloudFormation(aws);
  const first = (await cfn.deliver(cfn.createEvent('Resource', type, props))).answer;
  expect(first.Status).toBe('SUCCESS');
  if (remove) expect((await cfn.deliver(cfn.deleteEvent('Resource', type, first.PhysicalResourceId, props))).answer.Status).toBe('SUCCESS');
  const again = (await cfn.deliver(cfn.createEvent('Resource', type, props))).answer;
  expect(again.Status).toBe('SUCCESS');
  return [first.PhysicalResourceId, again.PhysicalResourceId];
}

test('a ConnectInstance removed and added back is a fresh instance', async () => {
  const [first, again] = await addRemoveAdd('Custom::ConnectInstance', {
    ServiceTimeout: 600,
    IdentityManagementType: 'CONNECT_MANAGED',
    InstanceAlias: 'tokens-demo',
    InboundCallsEnabled: true,
    OutboundCallsEnabled: false,
  });

  expect(again).not.toBe(first);
  expect(connect.instances.get(again)!.deleted).toBe(false);
});

test('a Case removed and added back is a fresh case', async () => {
  const [first, again] = await addRemoveAdd('Custom::ConnectCase', {
    ServiceTimeout: 600,
    DomainId: DOMAIN,
    TemplateId: TEMPLATE,
    Fields: [
      { Id: 'title', Value: { StringValue: 'Refund' } },
      { Id: 'customer_id', Value: { StringValue: `arn:aws:profile:${REGION}:${ACCOUNT}:domains/d/profiles/p` } },
    ],
  });

  expect(again).not.toBe(first);
  expect(cases.live().map((c) => c.caseArn)).toContain(again);
});

test('a ContactEvaluation removed and added back is a fresh evaluation', async () => {
  const [first, again] = await addRemoveAdd('Custom::ConnectContactEvaluation', {
    ServiceTimeout: 600,
    InstanceId: INSTANCE_ID,
    ContactId: 'c0ffee00-1234-4abc-8def-0123456789ab',
    EvaluationFormId: FORM_ID,
  });

  expect(again).not.toBe(first);
  expect(evaluations.evaluations.get(again)!.deleted).toBe(false);
});

test('an EngagementContext added back after its removal is a new context (the API deletes none)', async () => {
  const engagement = partner.addEngagement('Sandbox');
  const payload = {
    CustomerProject: {
      Customer: { CompanyName: 'Example Corp', CountryCode: 'US', Industry: 'Software and Internet', WebsiteUrl: 'https://www.example.com' },
      Project: { Title: 'Contact center migration', BusinessProblem: 'Move 400 agents to Amazon Connect by spring.', TargetCompletionDate: '2027-03-31' },
    },
  };

  const [first, again] = await addRemoveAdd('Custom::PartnerCentralEngagementContext', {
    ServiceTimeout: 300,
    Catalog: 'Sandbox',
    EngagementIdentifier: engagement.Id,
    Type: 'CustomerProject',
    Payload: payload,
  });

  expect(again).not.toBe(first);
  expect(engagement.Contexts).toHaveLength(2);
});
