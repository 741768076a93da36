import { App, CfnParameter, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cases from 'aws-cdk-lib/aws-cases';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Case, CaseField, CasePerformer, CaseProps } from '../src';
import { CASE_FIELDS, CaseFieldData, CaseFieldValue, casesResourceId, checkProperties, coerce, CONNECT_CASE, WITHHELD } from '../src/contract';
import { fieldChanges } from '../src/handler/resources/case';

const PROFILE = 'arn:aws:profile:us-west-2:111122223333:domains/support-customers/profiles/3f1e2d3c4b5a';
const BASE: CaseProps = {
  domain: 'domain-1',
  template: 'template-1',
  title: 'Refund for order 42',
  customer: PROFILE,
};

function stack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-west-2' } });
}

function policyStatements(s: Stack): any[] {
  return Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument.Statement;
}

test('one Custom::ConnectCase with typed field values under the API names, retained by default', () => {
  const s = stack();
  new Case(s, 'Refund', {
    ...BASE,
    fields: [
      CaseField.number('refund_amount', 42.5),
      CaseField.booleanValue('vip', true),
      CaseField.empty('notes'),
      CaseField.user('assignee', 'arn:aws:connect:us-west-2:111122223333:instance/i-1/agent/u-1'),
      CaseField.text('order_ref', '1001'),
    ],
    performedBy: CasePerformer.customEntity('release-pipeline'),
    tags: { team: 'support' },
  });

  const template = Template.fromStack(s);
  template.resourceCountIs('Custom::ConnectCase', 1);
  template.hasResource('Custom::ConnectCase', {
    Properties: {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('ConnectResourcesProviderHandler'), 'Arn'] },
      ServiceTimeout: '600',
      DomainId: 'domain-1',
      TemplateId: 'template-1',
      Fields: [
        { Id: 'title', Value: { StringValue: 'Refund for order 42' } },
        { Id: 'customer_id', Value: { StringValue: PROFILE } },
        { Id: 'refund_amount', Value: { DoubleValue: 42.5 } },
        { Id: 'vip', Value: { BooleanValue: true } },
        { Id: 'notes', Value: { EmptyValue: {} } },
        { Id: 'assignee', Value: { UserArnValue: 'arn:aws:connect:us-west-2:111122223333:instance/i-1/agent/u-1' } },
        { Id: 'order_ref', Value: { StringValue: '1001' } },
      ],
      PerformedBy: { CustomEntity: 'release-pipeline' },
      Tags: { team: 'support' },
    },
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    DependsOn: [Match.stringLikeRegexp('ConnectResourcesProviderPolicy')],
  });
});

test('properties left out are not in the template', () => {
  const s = stack();
  new Case(s, 'Refund', BASE);

  const props = Object.values(Template.fromStack(s).findResources('Custom::ConnectCase'))[0].Properties;
  expect(Object.keys(props).sort()).toEqual(['DomainId', 'Fields', 'ServiceTimeout', 'ServiceToken', 'TemplateId'].sort());
});

test('composes with the Cases L1s: ids and ARNs of CfnDomain, CfnTemplate and CfnField', () => {
  const s = stack();
  const domain = new cases.CfnDomain(s, 'Domain', { name: 'support' });
  const field = new cases.CfnField(s, 'Amount', { domainId: domain.attrDomainId, name: 'Refund amount', type: 'Number' });
  const template = new cases.CfnTemplate(s, 'Template', { domainId: domain.attrDomainId, name: 'Refunds', status: 'Active' });

  new Case(s, 'Refund', {
    ...BASE,
    domain: domain.attrDomainId,
    template: template.ref,
    fields: [CaseField.number(field.attrFieldId, 42), CaseField.booleanValue(field.ref, true)],
  });

  Template.fromStack(s).hasResourceProperties('Custom::ConnectCase', {
    DomainId: { 'Fn::GetAtt': ['Domain', 'DomainId'] },
    TemplateId: { Ref: 'Template' },
    Fields: Match.arrayWith([
      { Id: { 'Fn::GetAtt': ['Amount', 'FieldId'] }, Value: { DoubleValue: 42 } },
      { Id: { Ref: 'Amount' }, Value: { BooleanValue: true } },
    ]),
  });
});

describe('the handler policy', () => {
  test('grants the case actions on the domain, its cases, templates and fields only', () => {
    const s = stack();
    new Case(s, 'Refund', BASE);

    const statement = policyStatements(s).find((st) => [st.Action].flat().includes('cases:CreateCase'));
    expect(statement.Action).toEqual(['cases:CreateCase', 'cases:UpdateCase', 'cases:TagResource', 'cases:UntagResource', 'cases:ListTagsForResource']);
    // DeleteCase: on the domain, and on cases carrying this stack's ownership tag only.
    const deletes = policyStatements(s).filter((st) => st.Action === 'cases:DeleteCase');
    expect(deletes.map((st) => st.Condition?.StringLike ? Object.keys(st.Condition.StringLike) : [])).toEqual([[], ['aws:ResourceTag/cdk-connect-resources:owner']]);
    expect(statement.Resource).toEqual(
      ['', '/case/*', '/template/*', '/field/*'].map((suffix) => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cases:us-west-2:111122223333:domain/domain-1${suffix}`]],
      })),
    );
    for (const st of policyStatements(s)) {
      for (const action of [st.Action].flat()) expect(action).not.toContain('*');
    }
  });

  test('takes the domain id out of a domain ARN known only at deploy time', () => {
    const s = stack();
    const domain = new cases.CfnDomain(s, 'Domain', { name: 'support' });
    new Case(s, 'Refund', { ...BASE, domain: domain.ref });

    const statement = policyStatements(s).find((st) => [st.Action].flat().includes('cases:CreateCase'));
    expect(statement.Resource[0]).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':cases:us-west-2:111122223333:domain/',
          { 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Join': ['', [{ Ref: 'Domain' }, '/', { Ref: 'Domain' }]] }] }] },
        ],
      ],
    });
  });

  test('uses a literal domain ARN as it is', () => {
    const s = stack();
    const arn = 'arn:aws:cases:us-west-2:111122223333:domain/domain-1';
    new Case(s, 'Refund', { ...BASE, domain: arn });

    const statement = policyStatements(s).find((st) => [st.Action].flat().includes('cases:CreateCase'));
    expect(statement.Resource).toEqual([arn, `${arn}/case/*`, `${arn}/template/*`, `${arn}/field/*`]);
  });

  test('holds one statement listing each domain once, however many cases', () => {
    const s = stack();
    new Case(s, 'A', BASE);
    new Case(s, 'B', { ...BASE, title: 'Other' });
    new Case(s, 'C', { ...BASE, domain: 'domain-2' });

    const statements = policyStatements(s).filter((st) => [st.Action].flat().includes('cases:CreateCase'));
    expect(statements).toHaveLength(1);
    expect(JSON.stringify(statements[0].Resource).match(/domain\/domain-\d"/g)).toEqual(['domain/domain-1"', 'domain/domain-2"']);
  });

  test('grants connect:DescribeUser on the performing user, and only then', () => {
    const user = 'arn:aws:connect:us-west-2:111122223333:instance/i-1/agent/u-1';
    const withUser = stack();
    new Case(withUser, 'Refund', { ...BASE, performedBy: CasePerformer.user(user) });
    const withEntity = stack();
    new Case(withEntity, 'Refund', { ...BASE, performedBy: CasePerformer.customEntity('release-pipeline') });

    expect(policyStatements(withUser)).toContainEqual({ Effect: 'Allow', Action: 'connect:DescribeUser', Resource: user });
    Template.fromStack(withUser).hasResourceProperties('Custom::ConnectCase', { PerformedBy: { UserArn: user } });
    expect(policyStatements(withEntity).flatMap((st) => [st.Action].flat())).not.toContain('connect:DescribeUser');
  });
});

test('removalPolicy is honoured', () => {
  const s = stack();
  new Case(s, 'Refund', { ...BASE, removalPolicy: RemovalPolicy.DESTROY });

  Template.fromStack(s).hasResource('Custom::ConnectCase', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
});

test('Tags.of() reaches the case and merges with the tags prop', () => {
  const s = stack();
  new Case(s, 'Refund', { ...BASE, tags: { team: 'support' } });
  Tags.of(s).add('env', 'prod');

  Template.fromStack(s).hasResourceProperties('Custom::ConnectCase', { Tags: { team: 'support', env: 'prod' } });
});

test('attributes are GetAtt of CaseId and CaseArn', () => {
  const s = stack();
  const refund = new Case(s, 'Refund', BASE);

  expect(s.resolve(refund.caseId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Refund/), 'CaseId'] });
  expect(s.resolve(refund.caseArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Refund/), 'CaseArn'] });
});

test('fromCaseArn imports the case id from the ARN, and rejects what is not a case ARN', () => {
  const s = stack();
  const imported = Case.fromCaseArn(s, 'Imported', 'arn:aws:cases:us-west-2:111122223333:domain/domain-1/case/case-1');

  expect(imported.caseId).toBe('case-1');
  expect(imported.env.region).toBe('us-west-2');
  const expected = 'expected arn:<partition>:cases:<region>:<account>:domain/<domain id>/case/<case id>';
  for (const bad of [
    'arn:aws:cases:us-west-2:111122223333:domain/domain-1',
    'arn:aws:connect:us-west-2:111122223333:domain/domain-1/case/case-1',
    'arn:aws:cases:us-west-2:111122223333:domian/domain-1/case/case-1',
    'arn:aws:cases:us-west-2:111122223333:domain/domain-1/case/case-1/extra',
    'arn:aws:cases:us-west-2:111122223333:domain/domain-1/field/f-1',
  ]) {
    expect(() => Case.fromCaseArn(s, 'Bad', bad)).toThrow(`Case.fromCaseArn 'Stack': "${bad}" is not the ARN of a case: ${expected} [arn]`);
  }
});

test('fromCaseAttributes gives the case id and an ARN naming the domain and the case', () => {
  const s = stack();
  const byId = Case.fromCaseAttributes(s, 'ById', { caseId: 'case-1', domain: 'domain-1' });
  expect(byId.caseId).toBe('case-1');
  expect(s.resolve(byId.caseArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cases:us-west-2:111122223333:domain/domain-1/case/case-1']] });

  const byArn = Case.fromCaseAttributes(s, 'ByArn', { caseId: 'case-1', domain: 'arn:aws:cases:eu-west-2:444455556666:domain/domain-1' });
  expect(byArn.caseArn).toBe('arn:aws:cases:eu-west-2:444455556666:domain/domain-1/case/case-1');
  expect(byArn.env).toMatchObject({ account: '444455556666', region: 'eu-west-2' });

  for (const bad of ['arn:aws:connect:us-west-2:111122223333:domain/domain-1', 'arn:aws:cases:us-west-2:111122223333:domain/domain-1/case/case-1', 'arn:aws:cases:us-west-2:111122223333:domian/domain-1']) {
    expect(() => Case.fromCaseAttributes(s, 'Bad', { caseId: 'case-1', domain: bad })).toThrow(
      `Case.fromCaseAttributes 'Stack': "${bad}" is not the ARN of a Cases domain: expected arn:<partition>:cases:<region>:<account>:domain/<domain id> [arn]`,
    );
  }

  const domain = new cases.CfnDomain(s, 'Domain', { name: 'support' });
  const byRef = Case.fromCaseAttributes(s, 'ByRef', { caseId: 'case-1', domain });
  expect(s.resolve(byRef.caseArn)).toEqual({ 'Fn::Join': ['', [{ Ref: 'Domain' }, '/case/case-1']] });
});

test('grants give a function exactly the named actions on the case and its domain', () => {
  const s = stack();
  const refund = Case.fromCaseArn(s, 'Refund', 'arn:aws:cases:us-west-2:111122223333:domain/domain-1/case/case-1');
  const role = new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  refund.grants.actions(role, ['cases:GetCase', 'cases:UpdateCase']);

  Template.fromStack(s).hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: [
        {
          Effect: 'Allow',
          Action: ['cases:GetCase', 'cases:UpdateCase'],
          Resource: ['arn:aws:cases:us-west-2:111122223333:domain/domain-1/case/case-1', 'arn:aws:cases:us-west-2:111122223333:domain/domain-1'],
        },
      ],
    },
  });
  expect(() => refund.grants.actions(role, ['cases:*'])).toThrow(/Connect Cases actions without wildcards/);
});

test('takes the L1s of Cases and Connect as references: CfnDomain, CfnTemplate, CfnUser', () => {
  const s = stack();
  const domain = new cases.CfnDomain(s, 'Domain', { name: 'support' });
  const template = new cases.CfnTemplate(s, 'Template', { domainId: domain.attrDomainId, name: 'Refunds', status: 'Active' });
  const user = new connect.CfnUser(s, 'Agent', {
    instanceArn: 'arn:aws:connect:us-west-2:111122223333:instance/i-1',
    username: 'agent',
    routingProfileArn: 'arn:aws:connect:us-west-2:111122223333:instance/i-1/routing-profile/r-1',
    securityProfileArns: ['arn:aws:connect:us-west-2:111122223333:instance/i-1/security-profile/p-1'],
    phoneConfig: { phoneType: 'SOFT_PHONE' },
  });
  new Case(s, 'Refund', { ...BASE, domain, template, fields: [CaseField.user('assignee', user)], performedBy: CasePerformer.user(user) });

  Template.fromStack(s).hasResourceProperties('Custom::ConnectCase', {
    // Each L1's Ref is its ARN.
    DomainId: { Ref: 'Domain' },
    TemplateId: { Ref: 'Template' },
    Fields: Match.arrayWith([{ Id: 'assignee', Value: { UserArnValue: { Ref: 'Agent' } } }]),
    PerformedBy: { UserArn: { Ref: 'Agent' } },
  });
  // The handler's permissions name the referenced domain itself.
  const statement = policyStatements(s).find((st) => [st.Action].flat().includes('cases:CreateCase'));
  expect(statement.Resource[0]).toEqual({ Ref: 'Domain' });
  // The user is known only at deploy time and may belong to an instance of this stack, which waits
  // for the handler's policy: the policy names the users of the account's instances instead.
  expect(policyStatements(s)).toContainEqual({
    Effect: 'Allow',
    Action: 'connect:DescribeUser',
    Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':connect:us-west-2:111122223333:instance/*/agent/*']] },
  });
  expect(JSON.stringify(policyStatements(s))).not.toContain('Agent');
});

test('a case without a title or a customer does not compile', () => {
  const s = stack();
  const { title: _t, ...withoutTitle } = BASE;
  const { customer: _c, ...withoutCustomer } = BASE;
  // @ts-expect-error title is required
  expect(() => new Case(s, 'NoTitle', withoutTitle)).toThrow(/title is required|fields/);
  // @ts-expect-error customer is required
  expect(() => new Case(s, 'NoCustomer', withoutCustomer)).toThrow(/customer|fields/);
});

describe('synth-time validation names the construct path, the property, the rule and the value', () => {
  const fields = (...extra: CaseField[]) => extra;
  test.each<[string, Partial<CaseProps>, string]>([
    ['a title among the fields', { fields: [CaseField.text('title', 'Again')] }, `Case 'Stack/Refund': fields must not hold "title": give it as the title prop [spec]`],
    ['a customer among the fields', { fields: [CaseField.text('customer_id', PROFILE)] }, `fields must not hold "customer_id": give it as the customer prop`],
    [
      'more than 220 fields',
      { fields: fields(...Array.from({ length: 219 }, (_, i) => CaseField.text(`f${i}`, 'x'))) },
      `fields must hold at most 220 fields (got 221)`,
    ],
    ['a field id given twice', { fields: fields(CaseField.text('notes', 'a'), CaseField.text('notes', 'b')) }, `fields must not give field "notes" twice`],
    ['an empty field id', { fields: fields(CaseField.text('', 'x')) }, `fields must have field ids of 1–500 characters (got "")`],
    ['a field id too long', { fields: fields(CaseField.text('f'.repeat(501), 'x')) }, `fields must have field ids of 1–500 characters`],
    // At synth the value is a literal of the user's own source: shown, with the field id.
    ['a number that is not finite', { fields: fields(CaseField.number('amount', Number.NaN)) }, `fields must give field "amount" a finite number in plain decimal notation (got null)`],
    [
      'a text too long',
      { fields: fields(CaseField.text('notes', 'Customer asked twice. '.repeat(200))) },
      `fields must give field "notes" a text of at most 4100 characters (got "Customer asked twice. Customer asked twice. Customer asked t...: 4400 characters)`,
    ],
    ['an empty domain', { domain: '' }, `domain is required`],
    ['a template id too long', { template: 't'.repeat(501) }, `template must have at most 500 characters (got "${'t'.repeat(60)}...: 501 characters, at most 500)`],
    [
      'a custom entity ending in a space',
      { performedBy: CasePerformer.customEntity('bot ') },
      `performedBy must be a user ARN of 1–500 characters or a custom entity of 1–500 letters, digits, spaces and _-.@:/ not ending in a space (got "bot ")`,
    ],
    ['a custom entity with a comma', { performedBy: CasePerformer.customEntity('a,b') }, `performedBy must be a user ARN`],
    ['tag key starting with aws:', { tags: { 'aws:owner': 'me' } }, `tags must have keys of 1–128 characters of the allowed set, not starting with "aws:" (got key "aws:owner")`],
    ['tag value too long', { tags: { owner: 'x'.repeat(257) } }, `tags must have values of at most 256 characters`],
    ['too many tags', { tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) }, `tags must hold at most 49 tags (got 50)`],
  ])('%s', (_, props, message) => {
    expect(() => new Case(stack(), 'Refund', { ...BASE, ...props })).toThrow(message);
  });

  test('a duplicate field id is found even when a field value is known only at deploy time', () => {
    const s = stack();
    const assignee = new CfnParameter(s, 'Assignee').valueAsString;
    expect(() => new Case(s, 'Refund', { ...BASE, fields: [CaseField.user('assignee', assignee), CaseField.text('assignee', 'x')] })).toThrow(
      `Case 'Stack/Refund': fields must not give field "assignee" twice`,
    );
  });

  test('a bad case field shows its value and its field id at synth, and the handler still withholds it', () => {
    const long = 'x'.repeat(4101);
    expect(() => new Case(stack(), 'Refund', { ...BASE, fields: [CaseField.text('internal_notes', long)] })).toThrow(
      `Case 'Stack/Refund': fields must give field "internal_notes" a text of at most 4100 characters (got "${'x'.repeat(60)}...: 4101 characters) [spec]`,
    );
    // The same rule, as the handler applies it to what CloudFormation delivers, shows no value.
    const delivered = { DomainId: 'd', TemplateId: 't', Fields: [{ Id: 'title', Value: { StringValue: 'T' } }, { Id: 'customer_id', Value: { StringValue: PROFILE } }, { Id: 'internal_notes', Value: { StringValue: long } }] };
    expect(checkProperties(CONNECT_CASE, delivered, { templateNames: true }).problems).toEqual([
      `Fields (fields) must give field "internal_notes" a text of at most 4100 characters (got ${WITHHELD}: 4101 characters)`,
    ]);
  });

  test('values known only at deploy time are left to the handler', () => {
    const s = stack();
    const domain = new cases.CfnDomain(s, 'Domain', { name: 'support' });
    const field = new cases.CfnField(s, 'Field', { domainId: domain.attrDomainId, name: 'Priority', type: 'Text' });
    // The token field id might be 'title': the required fields cannot be judged.
    expect(() => new Case(s, 'Refund', { ...BASE, domain: domain.ref, fields: [CaseField.text(field.attrFieldId, 'x')] })).not.toThrow();
  });
});

describe('field values as CloudFormation delivers them', () => {
  const delivered = (...fields: unknown[]) => coerce(CASE_FIELDS, fields);

  test('become the API types: numbers, booleans, empty values; text stays text', () => {
    expect(
      delivered(
        { Id: 'a', Value: { DoubleValue: '-1.5e3' } },
        { Id: 'b', Value: { BooleanValue: 'false' } },
        { Id: 'c', Value: { EmptyValue: {} } },
        { Id: 'd', Value: { StringValue: '42' } },
        { Id: 'e', Value: { UserArnValue: 'arn:aws:connect:us-west-2:1:instance/i/agent/u' } },
      ),
    ).toEqual([
      { id: 'a', value: { doubleValue: -1500 } },
      { id: 'b', value: { booleanValue: false } },
      { id: 'c', value: { emptyValue: {} } },
      { id: 'd', value: { stringValue: '42' } },
      { id: 'e', value: { userArnValue: 'arn:aws:connect:us-west-2:1:instance/i/agent/u' } },
    ]);
  });

  test('an empty value whose empty object was dropped on the way is still empty', () => {
    expect(delivered({ Id: 'a', Value: {} }, { Id: 'b' })).toEqual([
      { id: 'a', value: { emptyValue: {} } },
      { id: 'b', value: { emptyValue: {} } },
    ]);
  });

  test('what cannot be read is left for the check to report', () => {
    expect(delivered({ Id: 'a', Value: { DoubleValue: 'lots' } }, { Id: 'b', Value: { BooleanValue: 'yes' } })).toEqual([
      { id: 'a', value: { doubleValue: 'lots' } },
      { id: 'b', value: { booleanValue: 'yes' } },
    ]);
  });

  test('a field ARN becomes the field id; other values are left alone', () => {
    expect(casesResourceId('arn:aws:cases:us-west-2:1:domain/d-1/field/f-1', 'field')).toBe('f-1');
    expect(casesResourceId('arn:aws:cases:us-west-2:1:domain/d-1/template/t-1', 'template')).toBe('t-1');
    expect(casesResourceId('arn:aws:cases:us-west-2:1:domain/d-1', 'domain')).toBe('d-1');
    expect(casesResourceId('arn:aws:cases:us-west-2:1:domain/d-1/template/t-1', 'field')).toBe('arn:aws:cases:us-west-2:1:domain/d-1/template/t-1');
    expect(casesResourceId('f-1', 'field')).toBe('f-1');
  });
});

describe('the fields an update writes', () => {
  const f = (id: string, value: CaseFieldData): CaseFieldValue => ({ id, value });

  test('are the new and changed ones, then the removed ones cleared', () => {
    const before = [f('title', { stringValue: 'A' }), f('n', { doubleValue: 1 }), f('gone', { booleanValue: true })];
    const after = [f('title', { stringValue: 'A' }), f('n', { doubleValue: 2 }), f('new', { stringValue: 'x' })];

    expect(fieldChanges(before, after)).toEqual([f('n', { doubleValue: 2 }), f('new', { stringValue: 'x' }), f('gone', { emptyValue: {} })]);
  });

  test('are none when nothing changed, whatever the order', () => {
    const before = [f('a', { stringValue: 'A' }), f('b', { doubleValue: 1 })];
    expect(fieldChanges(before, [...before].reverse())).toEqual([]);
  });

  test('include a value whose type changed', () => {
    expect(fieldChanges([f('a', { stringValue: '1' })], [f('a', { doubleValue: 1 })])).toEqual([f('a', { doubleValue: 1 })]);
  });
});

test('a referenced domain or template of another region is refused where it is used, naming it', () => {
  const app = new App();
  const here = new Stack(app, 'Here', { env: { account: '111122223333', region: 'us-west-2' } });
  const there = new Stack(app, 'There', { env: { account: '111122223333', region: 'eu-west-1' } });
  const domain = new cases.CfnDomain(there, 'Domain', { name: 'support' });
  expect(() => new Case(here, 'Refund', { ...BASE, domain })).toThrow(
    "Case 'Here/Refund': domain There/Domain is in region eu-west-1, the stack in us-west-2; the handler reaches resources of its own account and region only [environment]",
  );
  const template = new cases.CfnTemplate(there, 'Template', { domainId: 'd', name: 'Refunds' });
  expect(() => new Case(here, 'Other', { ...BASE, template })).toThrow("Case 'Here/Other': template There/Template is in region eu-west-1");
});
