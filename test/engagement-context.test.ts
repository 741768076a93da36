import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  Catalog,
  CustomerProjectOptions,
  EngagementContext,
  EngagementContextPayload,
  EngagementContextProps,
  EngagementContextType,
  Industry,
  LeadOptions,
} from '../src';
import { checkProperties, ENGAGEMENT_CONTEXT, WITHHELD } from '../src/contract';

const ENGAGEMENT = 'eng-0123456789abcd';
const CUSTOMER_PROJECT: CustomerProjectOptions = {
  customer: { companyName: 'Example Corp', countryCode: 'US', industry: Industry.SOFTWARE_INTERNET, websiteUrl: 'https://www.example.com' },
  project: { title: 'Contact center migration', businessProblem: 'Move 400 agents to Amazon Connect by spring.', targetCompletionDate: new Date('2027-03-31') },
};
const LEAD: LeadOptions = {
  customer: { companyName: 'Example Corp', industry: Industry.RETAIL, address: { city: 'Seattle', countryCode: 'US' } },
  interaction: {
    sourceType: 'Event',
    interactionDate: new Date('2026-05-01T09:30:00Z'),
    contact: { businessTitle: 'CTO', email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe' },
  },
  qualificationStatus: 'Qualified',
};
const BASE: EngagementContextProps = {
  catalog: Catalog.SANDBOX,
  engagementIdentifier: ENGAGEMENT,
  payload: EngagementContextPayload.customerProject(CUSTOMER_PROJECT),
};

function stack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-west-2' } });
}

function statements(s: Stack): any[] {
  return Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument.Statement;
}

test('one Custom::PartnerCentralEngagementContext with the API members as properties', () => {
  const s = stack();
  new EngagementContext(s, 'Context', BASE);

  const template = Template.fromStack(s);
  template.resourceCountIs('Custom::PartnerCentralEngagementContext', 1);
  template.hasResource('Custom::PartnerCentralEngagementContext', {
    Properties: {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('ConnectResourcesProviderHandler'), 'Arn'] },
      ServiceTimeout: '300',
      Catalog: 'Sandbox',
      EngagementIdentifier: ENGAGEMENT,
      Type: 'CustomerProject',
      Payload: {
        CustomerProject: {
          Customer: { CompanyName: 'Example Corp', CountryCode: 'US', Industry: 'Software and Internet', WebsiteUrl: 'https://www.example.com' },
          Project: { Title: 'Contact center migration', BusinessProblem: 'Move 400 agents to Amazon Connect by spring.', TargetCompletionDate: '2027-03-31' },
        },
      },
    },
    DeletionPolicy: 'Delete',
    DependsOn: [Match.stringLikeRegexp('ConnectResourcesProviderPolicy')],
  });
});

test('properties left out are not in the template', () => {
  const s = stack();
  new EngagementContext(s, 'Context', { ...BASE, payload: EngagementContextPayload.customerProject({ customer: CUSTOMER_PROJECT.customer }) });

  const props = Object.values(Template.fromStack(s).findResources('Custom::PartnerCentralEngagementContext'))[0].Properties;
  expect(Object.keys(props).sort()).toEqual(['Catalog', 'EngagementIdentifier', 'Payload', 'ServiceTimeout', 'ServiceToken', 'Type'].sort());
  expect(Object.keys(props.Payload.CustomerProject)).toEqual(['Customer']);
});

test('a lead payload makes a Lead context whose single interaction is the API list of one', () => {
  const s = stack();
  const context = new EngagementContext(s, 'Context', { ...BASE, payload: EngagementContextPayload.lead(LEAD) });

  expect(context.contextType).toBe(EngagementContextType.LEAD);
  Template.fromStack(s).hasResourceProperties('Custom::PartnerCentralEngagementContext', {
    Type: 'Lead',
    ClientToken: Match.absent(),
    Payload: {
      Lead: {
        QualificationStatus: 'Qualified',
        Customer: { CompanyName: 'Example Corp', Industry: 'Retail', Address: { City: 'Seattle', CountryCode: 'US' } },
        Interactions: [
          {
            SourceType: 'Event',
            InteractionDate: '2026-05-01T09:30:00Z',
            Contact: { BusinessTitle: 'CTO', Email: 'jane@example.com', FirstName: 'Jane', LastName: 'Doe' },
          },
        ],
      },
    },
  });
});

test('attributes are GetAtt of ContextId, EngagementId and EngagementArn', () => {
  const s = stack();
  const context = new EngagementContext(s, 'Context', BASE);

  expect(s.resolve(context.engagementContextId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Context/), 'ContextId'] });
  expect(s.resolve(context.engagementId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Context/), 'EngagementId'] });
  expect(s.resolve(context.engagementArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Context/), 'EngagementArn'] });
});

describe('IAM', () => {
  test('actions use the partnercentral: prefix, contexts are kept to the catalog, GetEngagement to the engagement', () => {
    const s = stack();
    new EngagementContext(s, 'Context', BASE);

    const partner = statements(s).filter((st) => JSON.stringify(st.Action).includes('partnercentral'));
    expect(partner).toEqual([
      {
        Sid: 'PartnerCentralEngagementContextsSandbox',
        Effect: 'Allow',
        Action: ['partnercentral:CreateEngagementContext', 'partnercentral:UpdateEngagementContext'],
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:partnercentral:us-east-1::catalog/Sandbox/engagement/${ENGAGEMENT}`]] },
        Condition: { StringEquals: { 'partnercentral:Catalog': 'Sandbox' } },
      },
      {
        Sid: 'PartnerCentralGetEngagement',
        Effect: 'Allow',
        Action: 'partnercentral:GetEngagement',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:partnercentral:us-east-1::catalog/Sandbox/engagement/${ENGAGEMENT}`]] },
      },
    ]);
    expect(JSON.stringify(statements(s))).not.toContain('partnercentral-selling:');
  });

  test('an engagement ARN is used as it is', () => {
    const s = stack();
    const arn = `arn:aws:partnercentral:us-east-1::catalog/AWS/engagement/${ENGAGEMENT}`;
    new EngagementContext(s, 'Context', { ...BASE, catalog: Catalog.AWS, engagementIdentifier: arn });

    const get = statements(s).find((st) => st.Action === 'partnercentral:GetEngagement');
    expect(get.Resource).toBe(arn);
    expect(statements(s).find((st) => st.Sid === 'PartnerCentralEngagementContextsAWS').Condition).toEqual({ StringEquals: { 'partnercentral:Catalog': 'AWS' } });
  });

  test('an engagement known only at deploy time is scoped to the engagements of the catalog', () => {
    const s = stack();
    new EngagementContext(s, 'Context', { ...BASE, engagementIdentifier: new CfnParameter(s, 'Engagement').valueAsString });

    const get = statements(s).find((st) => st.Action === 'partnercentral:GetEngagement');
    expect(get.Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':partnercentral:us-east-1::catalog/Sandbox/engagement/*']] });
  });

  test('contexts in two catalogs and engagements get statements with distinct ids; engagements share one GetEngagement statement', () => {
    const s = stack();
    new EngagementContext(s, 'A', BASE);
    new EngagementContext(s, 'B', { ...BASE, payload: EngagementContextPayload.lead(LEAD) });
    new EngagementContext(s, 'C', { ...BASE, catalog: Catalog.AWS, engagementIdentifier: 'eng-zyxwvutsrqponm' });

    const sids = statements(s).map((st) => st.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids.filter((sid) => sid.startsWith('PartnerCentral'))).toHaveLength(3);
    expect(statements(s).find((st) => st.Sid === 'PartnerCentralGetEngagement').Resource).toHaveLength(2);
    for (const statement of statements(s)) {
      for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
    }
  });
});

describe('synth-time validation names the construct path, the property, the rule and the value', () => {
  const customer = CUSTOMER_PROJECT.customer;
  const project = CUSTOMER_PROJECT.project!;
  const contact = LEAD.interaction.contact;
  test.each<[string, Partial<EngagementContextProps>, string]>([
    [
      'unknown catalog',
      { catalog: 'Production' as Catalog },
      `EngagementContext 'Stack/Context': catalog must be one of "AWS", "Sandbox" (got "Production")`,
    ],
    [
      'malformed engagement id',
      { engagementIdentifier: 'eng-123' },
      `EngagementContext 'Stack/Context': engagementIdentifier must be an engagement id ("eng-" and 14 lower-case letters or digits) or an engagement ARN (got "eng-123")`,
    ],
    ['upper-case engagement id', { engagementIdentifier: 'eng-0123456789ABCD' }, `(got "eng-0123456789ABCD")`],
    [
      'company name too long',
      { payload: EngagementContextPayload.customerProject({ customer: { ...customer, companyName: 'x'.repeat(121) } }) },
      `EngagementContext 'Stack/Context': payload member customer.companyName (CustomerProject.Customer.CompanyName) must have at most 120 characters (got "${'x'.repeat(60)}...: 121 characters, at most 120) [spec]`,
    ],
    [
      'unknown country code',
      { payload: EngagementContextPayload.customerProject({ customer: { ...customer, countryCode: 'us' } }) },
      `payload member customer.countryCode (CustomerProject.Customer.CountryCode) must be a two-letter country code Partner Central knows (ISO 3166-1 alpha-2 in capitals, e.g. "US") (got "us")`,
    ],
    [
      'empty industry name',
      { payload: EngagementContextPayload.customerProject({ customer: { ...customer, industry: Industry.of('') } }) },
      `payload member customer.industry (CustomerProject.Customer.Industry) must have at least 1 character (got "": 0 characters)`,
    ],
    [
      'website without a domain',
      { payload: EngagementContextPayload.customerProject({ customer: { ...customer, websiteUrl: 'example' } }) },
      `payload member customer.websiteUrl (CustomerProject.Customer.WebsiteUrl) must be a website address of 4–255 characters such as "https://www.example.com" (got "example")`,
    ],
    [
      'business problem too short',
      { payload: EngagementContextPayload.customerProject({ customer, project: { ...project, businessProblem: 'Too short' } }) },
      `payload member project.businessProblem (CustomerProject.Project.BusinessProblem) must have at least 20 characters (got "Too short": 9 characters)`,
    ],
    [
      'completion date not a date',
      { payload: EngagementContextPayload.customerProject({ customer, project: { ...project, targetCompletionDate: new Date('end of March') } }) },
      `payload member project.targetCompletionDate (CustomerProject.Project.TargetCompletionDate) must be a date of the form YYYY-MM-DD that exists in the calendar (got "Invalid Date")`,
    ],
    [
      'email longer than 255 characters',
      { payload: EngagementContextPayload.lead({ ...LEAD, interaction: { contact: { ...contact, email: `${'a'.repeat(244)}@example.com` } } }) },
      `payload member interaction.contact.email (Lead.Interactions[0].Contact.Email) must have at most 255 characters (got "${'a'.repeat(60)}...: 256 characters, at most 255)`,
    ],
    [
      'interaction date not a date',
      { payload: EngagementContextPayload.lead({ ...LEAD, interaction: { ...LEAD.interaction, interactionDate: new Date('last spring') } }) },
      `payload member interaction.interactionDate (Lead.Interactions[0].InteractionDate) must be an ISO 8601 date and time that exists in the calendar, such as "2026-05-01T09:30:00Z" (got "Invalid Date")`,
    ],
    [
      'contact name longer than 80 characters',
      { payload: EngagementContextPayload.lead({ ...LEAD, interaction: { contact: { ...contact, firstName: 'x'.repeat(81) } } }) },
      `payload member interaction.contact.firstName (Lead.Interactions[0].Contact.FirstName) must have at most 80 characters (got "${'x'.repeat(60)}...: 81 characters, at most 80)`,
    ],
  ])('%s', (_, props, message) => {
    expect(() => new EngagementContext(stack(), 'Context', { ...BASE, ...props })).toThrow(message);
  });

  test('every problem of a payload is reported at once', () => {
    const payload = EngagementContextPayload.customerProject({ customer: { ...customer, companyName: '', countryCode: 'XX' } });
    expect(() => new EngagementContext(stack(), 'Context', { ...BASE, payload })).toThrow(
      /payload member customer\.companyName .* must have at least 1 character \(got "": 0 characters\); member customer\.countryCode .* \(got "XX"\)/,
    );
  });


  test('values known only at deploy time are left to the handler', () => {
    const s = stack();
    const company = new CfnParameter(s, 'Company').valueAsString;
    const payload = EngagementContextPayload.customerProject({ customer: { ...customer, companyName: company } });
    expect(() => new EngagementContext(s, 'Context', { ...BASE, payload, engagementIdentifier: new CfnParameter(s, 'Engagement').valueAsString })).not.toThrow();
  });
});

describe('the Payload rule applied to templates written by hand (as the handler applies it)', () => {
  const payload = {
    CustomerProject: {
      Customer: { CompanyName: 'Example Corp', CountryCode: 'US', Industry: 'Retail', WebsiteUrl: 'example.com' },
    },
  };
  const check = (props: Record<string, unknown>) =>
    checkProperties(ENGAGEMENT_CONTEXT, { Catalog: 'AWS', EngagementIdentifier: ENGAGEMENT, Type: 'CustomerProject', Payload: payload, ...props }, { templateNames: true });

  test('a valid payload delivered as a JSON string passes and is parsed', () => {
    const { problems, values } = check({ Payload: JSON.stringify(payload) });
    expect(problems).toEqual([]);
    expect(values.Payload).toEqual(payload);
  });

  test('numbers in the payload become the strings the API takes', () => {
    const lead = {
      Lead: {
        Customer: { CompanyName: 'Example Corp', Address: { PostalCode: 98101 } },
        Interactions: [{ Contact: { BusinessTitle: 'CTO', Email: 'jane@example.com', FirstName: 'Jane', LastName: 'Doe', Phone: 2065550100 } }],
      },
    };
    const { problems, values } = check({ Type: 'Lead', Payload: lead });
    expect(problems).toEqual([]);
    expect((values.Payload as any).Lead.Customer.Address.PostalCode).toBe('98101');
    expect((values.Payload as any).Lead.Interactions[0].Contact.Phone).toBe('2065550100');
  });

  test.each<[string, unknown, string]>([
    ['neither member', {}, `Payload (payload) must hold exactly one of CustomerProject, Lead (got ${WITHHELD})`],
    ['both members', { ...payload, Lead: {} }, 'Payload (payload) must hold exactly one of CustomerProject, Lead'],
    ['a member the API does not have', { CustomerProject: { ...payload.CustomerProject, Budget: '10' } }, 'member CustomerProject.Budget is not a member of CustomerProject'],
    ['a missing required member', { CustomerProject: { Customer: { CompanyName: 'Example Corp' } } }, 'member customer.countryCode (CustomerProject.Customer.CountryCode) is required'],
    ['a structure given as a string', { CustomerProject: { Customer: 'Example Corp' } }, `member customer (CustomerProject.Customer) must be an object (got ${WITHHELD})`],
    [
      'two lead interactions',
      { Lead: { Customer: { CompanyName: 'Example Corp' }, Interactions: [{}, {}] } },
      'member interaction (Lead.Interactions) must be a list of exactly one interaction',
    ],
  ])('%s is reported', (_, value, message) => {
    expect(check({ Payload: value }).problems.join('\n')).toContain(message);
  });

  test('a Type that disagrees with the payload is reported', () => {
    expect(check({ Type: 'Lead' }).problems).toEqual([`Type must name the payload's member: the payload holds CustomerProject but Type is "Lead"`]);
  });
});
