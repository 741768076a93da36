import { App, CfnParameter, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as connect from 'aws-cdk-lib/aws-connect';
import { buildApp } from '../bin/contact-center';
import {
  ConnectInstance,
  ContactEvaluation,
  ContactEvaluationProps,
  EvaluationAnswer,
  EvaluationNote,
  IConnectInstance,
} from '../src';
import * as iam from 'aws-cdk-lib/aws-iam';

const INSTANCE_ID = '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab';
const INSTANCE_ARN = `arn:aws:connect:us-west-2:111122223333:instance/${INSTANCE_ID}`;
const FORM_ID = '9d3c6f0a-1111-2222-3333-444455556666';
const CONTACT_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';

function stack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-west-2' } });
}

function imported(s: Stack, arn = INSTANCE_ARN): IConnectInstance {
  return ConnectInstance.fromInstanceArn(s, `Imported${s.node.children.length}`, arn);
}

function evaluation(s: Stack, props: Partial<ContactEvaluationProps> = {}, id = 'Evaluation'): ContactEvaluation {
  return new ContactEvaluation(s, id, { instance: imported(s), contactId: CONTACT_ID, evaluationForm: FORM_ID, ...props });
}

function policyStatements(s: Stack): any[] {
  return Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument.Statement;
}

test('one Custom::ConnectContactEvaluation with the API members as properties and a ServiceTimeout', () => {
  const s = stack();
  evaluation(s, {
    autoEvaluationEnabled: true,
    answers: [
      EvaluationAnswer.text('comment', 'Good call'),
      EvaluationAnswer.option('greeting', 'yes'),
      EvaluationAnswer.options('topics', ['billing', 'refund']),
      EvaluationAnswer.number('clarity', 4),
      EvaluationAnswer.dateTime('followUp', new Date('2026-11-02T09:30:00Z')),
      EvaluationAnswer.notApplicable('escalation'),
    ],
    notes: [EvaluationNote.forItem('opening', 'Warm and clear.')],
    submit: true,
    tags: { team: 'quality' },
  });

  const template = Template.fromStack(s);
  template.resourceCountIs('Custom::ConnectContactEvaluation', 1);
  template.hasResource('Custom::ConnectContactEvaluation', {
    Properties: {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('ConnectResourcesProviderHandler'), 'Arn'] },
      ServiceTimeout: '600',
      InstanceId: INSTANCE_ID,
      ContactId: CONTACT_ID,
      EvaluationFormId: FORM_ID,
      AutoEvaluationConfiguration: { Enabled: true },
      Answers: {
        comment: { Value: { StringValue: 'Good call' } },
        greeting: { Value: { StringValue: 'yes' } },
        topics: { Value: { StringValues: ['billing', 'refund'] } },
        clarity: { Value: { NumericValue: 4 } },
        followUp: { Value: { DateTimeValue: '2026-11-02T09:30:00Z' } },
        escalation: { Value: { NotApplicable: true } },
      },
      Notes: { opening: { Value: 'Warm and clear.' } },
      Submit: true,
      Tags: { team: 'quality' },
    },
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    DependsOn: [Match.stringLikeRegexp('ConnectResourcesProviderPolicy')],
  });
});

test('properties left out are not in the template', () => {
  const s = stack();
  evaluation(s, { answers: [], notes: [] });

  const props = Object.values(Template.fromStack(s).findResources('Custom::ConnectContactEvaluation'))[0].Properties;
  expect(Object.keys(props).sort()).toEqual(['ContactId', 'EvaluationFormId', 'InstanceId', 'ServiceTimeout', 'ServiceToken']);
});

test('a CfnEvaluationForm on a ConnectInstance of the same stack, both passed as references', () => {
  const s = stack();
  const instance = new ConnectInstance(s, 'Instance', { instanceAlias: 'corp', outboundCallsEnabled: false });
  const form = new connect.CfnEvaluationForm(s, 'Form', {
    instanceArn: instance,
    title: 'Quality',
    status: 'ACTIVE',
    items: [{ section: { refId: 's1', title: 'S1', items: [{ question: { refId: 'q1', title: 'Q1', questionType: 'TEXT' } }] } }],
  });
  new ContactEvaluation(s, 'Evaluation', { instance, contactId: CONTACT_ID, evaluationForm: form });

  Template.fromStack(s).hasResourceProperties('Custom::ConnectContactEvaluation', {
    InstanceId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Instance'), 'Id'] },
    // The form's Ref is its ARN; the handler takes the id from it.
    EvaluationFormId: { Ref: 'Form' },
  });
  Template.fromStack(s).hasResourceProperties('AWS::Connect::EvaluationForm', { InstanceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Instance'), 'Arn'] } });
});

test('the handler may manage the evaluations of the imported instance only, with no wildcard actions', () => {
  const s = stack();
  evaluation(s);

  const statements = policyStatements(s);
  const bySid = Object.fromEntries(statements.map((st: any) => [st.Sid, st]));
  expect(bySid.ConnectContactEvaluations).toEqual({
    Sid: 'ConnectContactEvaluations',
    Effect: 'Allow',
    Action: [
      'connect:StartContactEvaluation',
      'connect:DescribeContactEvaluation',
      'connect:UpdateContactEvaluation',
      'connect:SubmitContactEvaluation',
      'connect:TagResource',
      'connect:UntagResource',
    ],
    Resource: `${INSTANCE_ARN}/contact-evaluation/*`,
  });
  expect(bySid.ConnectDeleteOwnContactEvaluations).toMatchObject({
    Action: 'connect:DeleteContactEvaluation',
    Resource: `${INSTANCE_ARN}/contact-evaluation/*`,
    Condition: { StringLike: { 'aws:ResourceTag/cdk-connect-resources:owner': expect.anything() } },
  });
  expect(bySid.ConnectStartContactEvaluation).toMatchObject({
    Action: 'connect:StartContactEvaluation',
    Resource: [`${INSTANCE_ARN}/evaluation-form/*`, `${INSTANCE_ARN}/contact/*`],
  });
  for (const statement of statements) {
    for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
  }
});

test('evaluations on two instances share statements that list both instances; on one instance they share them', () => {
  const s = stack();
  const other = 'arn:aws:connect:us-west-2:111122223333:instance/11111111-2222-3333-4444-555555555555';
  evaluation(s, {}, 'A');
  evaluation(s, {}, 'B');
  new ContactEvaluation(s, 'C', { instance: imported(s, other), contactId: CONTACT_ID, evaluationForm: FORM_ID });

  const evaluationStatements = policyStatements(s).filter((st: any) => st.Sid.startsWith('ConnectContactEvaluations'));
  expect(evaluationStatements).toHaveLength(1);
  expect([...evaluationStatements[0].Resource].sort()).toEqual([`${INSTANCE_ARN}/contact-evaluation/*`, `${other}/contact-evaluation/*`]);
});

test('for an instance of the same stack the permissions cover the account and Region, so that the handler policy does not wait for the instance', () => {
  // The example app, with template validation findings (a dependency cycle among them) as errors.
  const app = buildApp(new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } }));
  const s = app.node.findChild('ContactCenter') as Stack;

  // Synthesizes ...
  const template = Template.fromStack(s);
  const statements = policyStatements(s);
  const evaluations = statements.find((st: any) => st.Sid === 'ConnectContactEvaluations');
  expect(evaluations.Resource).toEqual({
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':connect:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':instance/*/contact-evaluation/*']],
  });
  // ... and the handler policy names nothing of the stack but the handler and its log group.
  expect(JSON.stringify(statements.map((st: any) => st.Resource))).not.toMatch(/Instance|Form/);
  template.resourceCountIs('Custom::ConnectContactEvaluation', 1);
  template.hasResourceProperties('AWS::Connect::EvaluationForm', { Status: 'ACTIVE' });
});

test('removalPolicy is honoured; the default retains the evaluation, as the other stateful constructs', () => {
  const s = stack();
  evaluation(s, { removalPolicy: RemovalPolicy.DESTROY }, 'Destroyed');
  evaluation(s, {}, 'Default');

  Template.fromStack(s).hasResource('Custom::ConnectContactEvaluation', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  Template.fromStack(s).hasResource('Custom::ConnectContactEvaluation', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
});

test('Tags.of() reaches the evaluation and merges with the tags prop', () => {
  const s = stack();
  evaluation(s, { tags: { team: 'quality' } });
  Tags.of(s).add('env', 'prod');

  Template.fromStack(s).hasResourceProperties('Custom::ConnectContactEvaluation', { Tags: { team: 'quality', env: 'prod' } });
});

test('attributes are GetAtt of EvaluationId and EvaluationArn', () => {
  const s = stack();
  const e = evaluation(s);

  expect(s.resolve(e.contactEvaluationId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Evaluation/), 'EvaluationId'] });
  expect(s.resolve(e.contactEvaluationArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Evaluation/), 'EvaluationArn'] });
});

test('fromContactEvaluationArn takes the evaluation id from the ARN, literal or token', () => {
  const s = stack();
  const literal = ContactEvaluation.fromContactEvaluationArn(s, 'Literal', `${INSTANCE_ARN}/contact-evaluation/e-123`);
  const token = ContactEvaluation.fromContactEvaluationArn(s, 'Token', new CfnParameter(s, 'EvaluationArn').valueAsString);

  expect(literal.contactEvaluationId).toBe('e-123');
  expect(s.resolve(token.contactEvaluationId)).toEqual({ 'Fn::Select': [3, { 'Fn::Split': ['/', { Ref: 'EvaluationArn' }] }] });
});

test('fromContactEvaluationArn accepts exactly the ARNs of a contact evaluation', () => {
  const s = stack();
  const expected = 'expected arn:<partition>:connect:<region>:<account>:instance/<instance id>/contact-evaluation/<evaluation id> [arn]';
  for (const bad of [
    INSTANCE_ARN,
    'arn:aws:connect:us-east-1:123456789012:queue/abc',
    'arn:aws:connect:us-east-1:123456789012:instanc/abc/contact-evaluation/e-1',
    'arn:aws:connect:us-east-1:123456789012:instance/abc/queue/x',
    'arn:aws:connect:us-east-1:123456789012:instance/abc/contact-evaluation/e-1/x',
    'arn:aws:cases:us-east-1:123456789012:instance/abc/contact-evaluation/e-1',
  ]) {
    expect(() => ContactEvaluation.fromContactEvaluationArn(s, 'Bad', bad)).toThrow(`ContactEvaluation.fromContactEvaluationArn 'Stack': "${bad}" is not the ARN of a contact evaluation: ${expected}`);
  }
});

test('grants give a function exactly the named actions on the evaluation', () => {
  const s = stack();
  const e = ContactEvaluation.fromContactEvaluationArn(s, 'Review', `${INSTANCE_ARN}/contact-evaluation/e-123`);
  const role = new iam.Role(s, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  e.grants.read(role);

  Template.fromStack(s).hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'connect:DescribeContactEvaluation', Resource: `${INSTANCE_ARN}/contact-evaluation/e-123` }] },
  });
});

describe('synth-time validation names the construct path, the property, the rule and the value', () => {
  test.each<[string, Partial<ContactEvaluationProps>, string]>([
    ['empty contact id', { contactId: '' }, `ContactEvaluation 'Stack/Evaluation': contactId is required`],
    ['contact id too long', { contactId: 'c'.repeat(257) }, `ContactEvaluation 'Stack/Evaluation': contactId must have at most 256 characters (got "${'c'.repeat(60)}...: 257 characters, at most 256) [spec]`],
    ['form id too long', { evaluationForm: 'f'.repeat(501) }, `evaluationForm must have at most 500 characters (got "${'f'.repeat(60)}...: 501 characters, at most 500)`],
    [
      'ARN of something other than a form',
      { evaluationForm: `${INSTANCE_ARN}/contact-flow/${FORM_ID}` },
      `evaluationForm must be an evaluation form id of 1–500 characters, or an evaluation form ARN (arn:…:instance/<instance id>/evaluation-form/<form id>) (got "arn:aws:connect`,
    ],
    [
      'form of another instance',
      { evaluationForm: `arn:aws:connect:us-west-2:111122223333:instance/other/evaluation-form/${FORM_ID}` },
      `ContactEvaluation 'Stack/Evaluation': evaluationForm must be a form of the evaluation's instance (the ARN names instance "other", the instance id is "${INSTANCE_ID}")`,
    ],
    [
      'the same question answered twice',
      { answers: [EvaluationAnswer.text('q1', 'a'), EvaluationAnswer.text('q1', 'b')] },
      `ContactEvaluation 'Stack/Evaluation': answers must answer each question once (got "q1" twice)`,
    ],
    [
      'two notes on one item',
      { notes: [EvaluationNote.forItem('s1', 'a'), EvaluationNote.forItem('s1', 'b')] },
      `ContactEvaluation 'Stack/Evaluation': notes must hold one note per item (got "s1" twice)`,
    ],
    [
      'more than 100 answers',
      { answers: Array.from({ length: 101 }, (_, i) => EvaluationAnswer.number(`q${i}`, i)) },
      `ContactEvaluation 'Stack/Evaluation': answers must hold at most 100 answers (got 101)`,
    ],
    [
      'more than 100 notes',
      { notes: Array.from({ length: 101 }, (_, i) => EvaluationNote.forItem(`q${i}`, 'n')) },
      `notes must hold at most 100 notes (got 101)`,
    ],
    [
      'text answer too long',
      { answers: [EvaluationAnswer.text('comment', 'x'.repeat(301))] },
      `answers must have a StringValue of at most 300 characters for "comment" (got "${'x'.repeat(60)}...)`,
    ],
    ['option too long', { answers: [EvaluationAnswer.options('topics', ['ok', 'y'.repeat(301)])] }, `answers must have StringValues as a list of strings of at most 300 characters for "topics"`],
    ['number that is not finite', { answers: [EvaluationAnswer.number('clarity', Number.NaN)] }, `answers must have a finite number in plain decimal notation as NumericValue for "clarity" (got null)`],
    ['question ref id too long', { answers: [EvaluationAnswer.text('q'.repeat(501), 'a')] }, `answers must have reference ids of 1–500 characters`],
    ['note too long', { notes: [EvaluationNote.forItem('s1', 'n'.repeat(3073))] }, `notes must give each note as {"Value": <text of at most 3072 characters>} for "s1"`],
    ['tag key starting with aws:', { tags: { 'aws:owner': 'me' } }, `tags must have keys of 1–128 characters of the allowed set, not starting with "aws:" (got key "aws:owner")`],
  ])('%s', (_, props, message) => {
    expect(() => evaluation(stack(), props)).toThrow(message);
  });

  test('an invalid Date as a date-and-time answer is refused, with the question named', () => {
    expect(() => evaluation(stack(), { answers: [EvaluationAnswer.dateTime('followUp', new Date('next Tuesday'))] })).toThrow(
      `ContactEvaluation 'Stack/Evaluation': answers must have an ISO 8601 date and time that exists in the calendar as DateTimeValue, such as "2026-11-02T09:30:00Z", for "followUp" (got "Invalid Date")`,
    );
  });

  test('a date-and-time answer goes into the template in UTC, with fractions of a second where there are some', () => {
    const s = stack();
    evaluation(s, { answers: [EvaluationAnswer.dateTime('a', new Date('2028-02-29T23:59:59.999+14:00')), EvaluationAnswer.dateTime('b', new Date(Date.UTC(2026, 10, 2, 9, 30)))] });
    Template.fromStack(s).hasResourceProperties('Custom::ConnectContactEvaluation', {
      Answers: { a: { Value: { DateTimeValue: '2028-02-29T09:59:59.999Z' } }, b: { Value: { DateTimeValue: '2026-11-02T09:30:00Z' } } },
    });
  });

  test('values known only at deploy time are left to the handler', () => {
    const s = stack();
    const contactId = new CfnParameter(s, 'ContactId').valueAsString;
    const score = new CfnParameter(s, 'Score', { type: 'Number' }).valueAsNumber;
    expect(() => evaluation(s, { contactId, answers: [EvaluationAnswer.number('clarity', score)] })).not.toThrow();
  });
});
