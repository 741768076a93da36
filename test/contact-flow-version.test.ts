import { App, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as connect from 'aws-cdk-lib/aws-connect';
import { ConnectInstance, ContactFlowVersion, ContactFlowVersionProps, IConnectInstance } from '../src';

const SHA = '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7';
const INSTANCE_ID = '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab';
const INSTANCE_ARN = `arn:aws:connect:us-west-2:111122223333:instance/${INSTANCE_ID}`;
const FLOW_ARN = `${INSTANCE_ARN}/contact-flow/9d2f4c1a-1111-2222-3333-444455556666`;

function stack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-west-2' } });
}

function imported(s: Stack, arn = INSTANCE_ARN): IConnectInstance {
  return ConnectInstance.fromInstanceArn(s, `Imported${arn.split('/')[1].slice(0, 8)}`, arn);
}

function campaignFlow(s: Stack, instance: IConnectInstance): connect.CfnContactFlow {
  return new connect.CfnContactFlow(s, 'Flow', {
    instanceArn: instance.instanceArn,
    name: 'Spring campaign',
    type: 'CAMPAIGN',
    content: JSON.stringify({ Version: '2019-10-30', StartAction: 'end', Actions: [{ Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }] }),
  });
}

test('one Custom::ConnectFlowVersion with the API members as properties, retained by default', () => {
  const s = stack();
  const instance = new ConnectInstance(s, 'Instance', {
    instanceAlias: 'corp-support',
    inboundCallsEnabled: true,
    outboundCallsEnabled: true,
  });
  const flow = campaignFlow(s, instance);
  new ContactFlowVersion(s, 'Version', {
    instance,
    contactFlow: flow.attrContactFlowArn,
    description: 'Spring campaign',
    flowContentSha256: SHA,
    contactFlowVersionNumber: 7,
    lastModifiedRegion: 'us-west-2',
    lastModifiedTime: new Date('2026-03-01T12:00:00.750Z'),
  });

  const template = Template.fromStack(s);
  template.resourceCountIs('Custom::ConnectFlowVersion', 1);
  template.hasResource('Custom::ConnectFlowVersion', {
    Properties: {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('ConnectResourcesProviderHandler'), 'Arn'] },
      ServiceTimeout: '300',
      InstanceId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Instance'), 'Id'] },
      ContactFlowId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Flow'), 'ContactFlowArn'] },
      Description: 'Spring campaign',
      FlowContentSha256: SHA,
      ContactFlowVersion: 7,
      LastModifiedRegion: 'us-west-2',
      // Epoch seconds, the fraction dropped.
      LastModifiedTime: 1772366400,
    },
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    DependsOn: Match.arrayWith([Match.stringLikeRegexp('ConnectResourcesProviderPolicy')]),
  });
});

test('properties left out are not in the template', () => {
  const s = stack();
  new ContactFlowVersion(s, 'Version', { instance: imported(s), contactFlow: FLOW_ARN });

  const props = Object.values(Template.fromStack(s).findResources('Custom::ConnectFlowVersion'))[0].Properties;
  expect(Object.keys(props).sort()).toEqual(['ContactFlowId', 'InstanceId', 'ServiceTimeout', 'ServiceToken']);
  expect(props.InstanceId).toBe(INSTANCE_ID);
});

/** The statements of the policies other than the handler's shared one. */
function handlerStatements(s: Stack): any[] {
  return Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument.Statement;
}

test('for an instance of the same stack, versions of the account’s instance flows in the region, without a dependency cycle', () => {
  const s = stack();
  const instance = new ConnectInstance(s, 'Instance', {
    instanceAlias: 'corp-support',
    inboundCallsEnabled: true,
    outboundCallsEnabled: true,
  });
  new ContactFlowVersion(s, 'A', { instance, contactFlow: 'flow-a' });
  new ContactFlowVersion(s, 'B', { instance, contactFlow: 'flow-b' });

  // Template.fromStack also proves there is no dependency cycle (instance → policy → instance).
  const statement = handlerStatements(s).find((st: any) => st.Sid === 'ConnectFlowVersions');
  expect(statement).toEqual({
    Sid: 'ConnectFlowVersions',
    Effect: 'Allow',
    Action: ['connect:CreateContactFlowVersion', 'connect:ListContactFlowVersions', 'connect:DescribeContactFlow', 'connect:DeleteContactFlowVersion'],
    Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':connect:us-west-2:111122223333:instance/*/contact-flow/*']] },
  });
  Template.fromStack(s).resourceCountIs('AWS::IAM::Policy', 1);
});

test('for imported instances, the versions of each instance’s flows, in one statement', () => {
  const s = stack();
  const other = INSTANCE_ARN.replace('0f5c3b1e', '1f5c3b1e');
  new ContactFlowVersion(s, 'A', { instance: imported(s), contactFlow: 'flow-a' });
  new ContactFlowVersion(s, 'B', { instance: imported(s, other), contactFlow: 'flow-b' });

  const statement = handlerStatements(s).find((st: any) => st.Sid === 'ConnectFlowVersions');
  expect([...statement.Resource].sort()).toEqual([`${INSTANCE_ARN}/contact-flow/*`, `${other}/contact-flow/*`]);
  for (const st of handlerStatements(s)) for (const action of [st.Action].flat()) expect(action).not.toContain('*');
});

test('removalPolicy is honoured', () => {
  const s = stack();
  new ContactFlowVersion(s, 'Version', { instance: imported(s), contactFlow: FLOW_ARN, removalPolicy: RemovalPolicy.DESTROY });

  Template.fromStack(s).hasResource('Custom::ConnectFlowVersion', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
});

test('contactFlowVersionArn is the physical id, contactFlowVersionNumber the Version attribute', () => {
  const s = stack();
  const version = new ContactFlowVersion(s, 'Version', { instance: imported(s), contactFlow: FLOW_ARN });

  expect(s.resolve(version.contactFlowVersionArn)).toEqual({ Ref: expect.stringMatching(/^Version/) });
  expect(s.resolve(version.contactFlowVersionNumber)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Version/), 'Version'] });
});

describe('fromContactFlowVersionArn', () => {
  test('reads the version from a literal ARN', () => {
    const s = stack();
    const imp = ContactFlowVersion.fromContactFlowVersionArn(s, 'Imported', `${FLOW_ARN}:12`);

    expect(imp.contactFlowVersionNumber).toBe('12');
    expect(imp.contactFlowVersionArn).toBe(`${FLOW_ARN}:12`);
    expect(imp.env.region).toBe('us-west-2');
  });

  test('selects the version out of an ARN known only at deploy time', () => {
    const s = stack();
    const arn = new CfnParameter(s, 'Arn').valueAsString;

    expect(s.resolve(ContactFlowVersion.fromContactFlowVersionArn(s, 'Imported', arn).contactFlowVersionNumber)).toEqual({ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: 'Arn' }] }] });
  });

  test('accepts exactly the ARNs of a flow version', () => {
    const expected = 'expected arn:<partition>:connect:<region>:<account>:instance/<instance id>/contact-flow/<flow id>:<version> [arn]';
    for (const bad of [
      FLOW_ARN,
      'arn:aws:connect:us-east-1:123456789012:queue/abc',
      'arn:aws:connect:us-east-1:123456789012:instanc/abc/contact-flow/f:1',
      'arn:aws:connect:us-east-1:123456789012:instance/abc/queue/x:1',
      'arn:aws:connect:us-east-1:123456789012:instance/abc/contact-flow/f/x:1',
      `${FLOW_ARN}:latest`,
      'arn:aws:cases:us-east-1:123456789012:instance/abc/contact-flow/f:1',
    ]) {
      expect(() => ContactFlowVersion.fromContactFlowVersionArn(stack(), 'Imported', bad)).toThrow(`ContactFlowVersion.fromContactFlowVersionArn 'Stack': "${bad}" is not the ARN of a flow version: ${expected}`);
    }
  });

  test('serves the L1s as an IContactFlowVersionRef', () => {
    const s = stack();
    const version = new ContactFlowVersion(s, 'Version', { instance: imported(s), contactFlow: FLOW_ARN });
    expect(s.resolve(version.contactFlowVersionRef)).toEqual({ contactFlowVersionArn: { Ref: expect.stringMatching(/^Version/) } });
  });
});

describe('synth-time validation names the construct path, the property, the rule and the value', () => {
  test.each<[string, Partial<ContactFlowVersionProps>, string]>([
    [
      'checksum of the wrong length',
      { flowContentSha256: 'abc123' },
      `ContactFlowVersion 'Stack/Version': flowContentSha256 must be a SHA-256 checksum of 64 letters or digits (got "abc123")`,
    ],
    ['checksum with other characters', { flowContentSha256: `${SHA.slice(0, 63)}-` }, `flowContentSha256 must be a SHA-256 checksum of 64 letters or digits`],
    ['version 0', { contactFlowVersionNumber: 0 }, `ContactFlowVersion 'Stack/Version': contactFlowVersionNumber must be a whole number from 1 to 9223372036854775807 (got 0)`],
    ['version not whole', { contactFlowVersionNumber: 1.5 }, `contactFlowVersionNumber must be a whole number from 1 to 9223372036854775807 (got 1.5)`],
    [
      'version above 2^53 - 1',
      { contactFlowVersionNumber: 2 ** 60 },
      `ContactFlowVersion 'Stack/Version': contactFlowVersionNumber must be a whole number from 1 to 9223372036854775807, and a JavaScript number holds whole numbers exactly only up to 9007199254740991 (got 1152921504606847000)`,
    ],
    ['region', { lastModifiedRegion: 'US-WEST-2' }, `lastModifiedRegion must be an AWS Region name such as "us-west-2" (got "US-WEST-2")`],
    ['description too long', { description: 'x'.repeat(451) }, `description must have at most 450 characters (got "${'x'.repeat(60)}...: 451 characters, at most 450)`],
    [
      'flow of another instance',
      { contactFlow: FLOW_ARN.replace('0f5c3b1e', '1f5c3b1e') },
      `ContactFlowVersion 'Stack/Version': contactFlowId must be a flow of the given instance "${INSTANCE_ID}" (got a flow of instance "${INSTANCE_ID.replace('0f5c3b1e', '1f5c3b1e')}")`,
    ],
    ['invalid date', { lastModifiedTime: new Date('not a date') }, `lastModifiedTime must be a time in whole seconds since 1970-01-01T00:00:00Z, from 0 to 253402300799 (9999-12-31T23:59:59Z) (got "Invalid Date")`],
    ['a time before 1970', { lastModifiedTime: new Date('1969-12-31T23:59:59Z') }, `ContactFlowVersion 'Stack/Version': lastModifiedTime must be a time in whole seconds since 1970-01-01T00:00:00Z, from 0 to 253402300799 (9999-12-31T23:59:59Z) (got -1)`],
    ['a time after the year 9999', { lastModifiedTime: new Date('+010000-01-01T00:00:00Z') }, `ContactFlowVersion 'Stack/Version': lastModifiedTime must be a time in whole seconds since 1970-01-01T00:00:00Z, from 0 to 253402300799 (9999-12-31T23:59:59Z) (got 253402300800)`],
  ])('%s', (_, props, message) => {
    const s = stack();
    expect(() => new ContactFlowVersion(s, 'Version', { instance: imported(s), contactFlow: FLOW_ARN, ...props })).toThrow(message);
  });

  test('the first and the last second of the range are accepted', () => {
    for (const lastModifiedTime of [new Date(0), new Date('9999-12-31T23:59:59.999Z')]) {
      const s = stack();
      expect(() => new ContactFlowVersion(s, 'Version', { instance: imported(s), contactFlow: FLOW_ARN, lastModifiedTime })).not.toThrow();
    }
  });

  test('the largest version the SDK carries exactly is accepted', () => {
    const s = stack();
    expect(() => new ContactFlowVersion(s, 'Version', { instance: imported(s), contactFlow: FLOW_ARN, contactFlowVersionNumber: Number.MAX_SAFE_INTEGER })).not.toThrow();
  });

  test('values known only at deploy time are left to the handler', () => {
    const s = stack();
    const sha = new CfnParameter(s, 'Sha').valueAsString;
    expect(() => new ContactFlowVersion(s, 'Version', { instance: imported(s), contactFlow: new CfnParameter(s, 'Flow').valueAsString, flowContentSha256: sha })).not.toThrow();
  });
});

test('a referenced flow of another account is refused where it is used, naming it', () => {
  const app = new App();
  const here = new Stack(app, 'Here', { env: { account: '111122223333', region: 'us-west-2' } });
  const there = new Stack(app, 'There', { env: { account: '444455556666', region: 'us-west-2' } });
  const flow = new connect.CfnContactFlow(there, 'Flow', { instanceArn: INSTANCE_ARN, name: 'n', type: 'CAMPAIGN', content: '{}' });
  const instance = ConnectInstance.fromInstanceArn(here, 'Instance', INSTANCE_ARN);
  expect(() => new ContactFlowVersion(here, 'Version', { instance, contactFlow: flow })).toThrow(
    "ContactFlowVersion 'Here/Version': contactFlow There/Flow is in account 444455556666, the stack in 111122223333",
  );
});
