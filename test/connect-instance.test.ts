import { App, CfnParameter, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ConnectInstance, ConnectInstanceProps, IdentityManagementType } from '../src';

const BASE: ConnectInstanceProps = {
  identityManagementType: IdentityManagementType.CONNECT_MANAGED,
  instanceAlias: 'corp-support',
  inboundCallsEnabled: true,
  outboundCallsEnabled: false,
};

function stack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-west-2' } });
}

test('one Custom::ConnectInstance with the API members as properties and a ServiceTimeout', () => {
  const s = stack();
  new ConnectInstance(s, 'Instance', { ...BASE, tags: { team: 'support' } });

  const template = Template.fromStack(s);
  template.resourceCountIs('Custom::ConnectInstance', 1);
  template.hasResource('Custom::ConnectInstance', {
    Properties: {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('ConnectResourcesProviderHandler'), 'Arn'] },
      ServiceTimeout: '1800',
      IdentityManagementType: 'CONNECT_MANAGED',
      InstanceAlias: 'corp-support',
      InboundCallsEnabled: true,
      OutboundCallsEnabled: false,
      Tags: { team: 'support' },
    },
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    DependsOn: [Match.stringLikeRegexp('ConnectResourcesProviderPolicy')],
  });
});

test('properties left out are not in the template', () => {
  const s = stack();
  new ConnectInstance(s, 'Instance', BASE);

  const props = Object.values(Template.fromStack(s).findResources('Custom::ConnectInstance'))[0].Properties;
  expect(Object.keys(props).sort()).toEqual(
    ['IdentityManagementType', 'InboundCallsEnabled', 'InstanceAlias', 'OutboundCallsEnabled', 'ServiceTimeout', 'ServiceToken'].sort(),
  );
});

test('one handler function, role, policy and log group per stack, however many instances', () => {
  const s = stack();
  new ConnectInstance(s, 'A', BASE);
  new ConnectInstance(s, 'B', { ...BASE, instanceAlias: 'corp-sales' });

  const template = Template.fromStack(s);
  template.resourceCountIs('Custom::ConnectInstance', 2);
  template.resourceCountIs('AWS::Lambda::Function', 1);
  template.resourceCountIs('AWS::IAM::Role', 1);
  template.resourceCountIs('AWS::IAM::Policy', 1);
  template.resourceCountIs('AWS::Logs::LogGroup', 1);
  template.hasResourceProperties('AWS::Lambda::Function', {
    Runtime: 'nodejs24.x',
    Architectures: ['arm64'],
    Handler: 'index.handler',
    LoggingConfig: { LogGroup: Match.anyValue() },
  });
  template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
});

test('the handler policy holds each statement once, scoped as intended', () => {
  const s = stack();
  new ConnectInstance(s, 'A', BASE);
  new ConnectInstance(s, 'B', { ...BASE, instanceAlias: 'corp-sales' });

  const statements = Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'))[0].Properties.PolicyDocument.Statement;
  const bySid = Object.fromEntries(statements.map((st: any) => [st.Sid, st]));
  expect(Object.keys(bySid).sort()).toEqual(
    [
      'ConnectCreateInstance',
      'ConnectDeleteOwnInstances',
      'ConnectFlowLogGroup',
      'ConnectInstanceDirectory',
      'ConnectInstanceDirectoryUnscoped',
      'ConnectManageInstances',
      'ConnectServiceLinkedRole',
      'ConnectServiceLinkedRolePolicy',
      'ContinueLongWaits',
      'WriteOwnLogs',
    ].sort(),
  );
  expect(bySid.ConnectManageInstances.Resource).toEqual({
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':connect:us-west-2:111122223333:instance/*']],
  });
  expect(bySid.ConnectServiceLinkedRole.Condition).toEqual({ StringEquals: { 'iam:AWSServiceName': 'connect.amazonaws.com' } });
  // Deletes only what carries this stack's ownership tag; creates only with it.
  const ownTag = { 'Fn::Join': ['', [{ 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }, '/*']] };
  expect(bySid.ConnectDeleteOwnInstances).toMatchObject({ Action: 'connect:DeleteInstance', Condition: { StringLike: { 'aws:ResourceTag/cdk-connect-resources:owner': ownTag } } });
  expect(bySid.ConnectCreateInstance.Condition).toEqual({ StringLike: { 'aws:RequestTag/cdk-connect-resources:owner': ownTag } });
  expect(bySid.ConnectInstanceDirectoryUnscoped.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': 'us-west-2' } });
  expect(bySid.ContinueLongWaits).toMatchObject({ Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [expect.stringMatching(/Handler/), 'Arn'] } });
  for (const statement of statements) {
    for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
  }
});

test('removalPolicy is honoured', () => {
  const s = stack();
  new ConnectInstance(s, 'Instance', { ...BASE, removalPolicy: RemovalPolicy.DESTROY });

  Template.fromStack(s).hasResource('Custom::ConnectInstance', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
});

test('Tags.of() reaches the instance and merges with the tags prop', () => {
  const s = stack();
  new ConnectInstance(s, 'Instance', { ...BASE, tags: { team: 'support' } });
  Tags.of(s).add('env', 'prod');

  Template.fromStack(s).hasResourceProperties('Custom::ConnectInstance', { Tags: { team: 'support', env: 'prod' } });
});

test('attributes are GetAtt of Id and Arn', () => {
  const s = stack();
  const instance = new ConnectInstance(s, 'Instance', BASE);

  expect(s.resolve(instance.instanceId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Instance/), 'Id'] });
  expect(s.resolve(instance.instanceArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Instance/), 'Arn'] });
});

test('fromInstanceArn imports the id from the ARN', () => {
  const s = stack();
  const imported = ConnectInstance.fromInstanceArn(s, 'Imported', 'arn:aws:connect:us-west-2:111122223333:instance/0f5c3b1e-aaaa-bbbb-cccc-1234567890ab');

  expect(imported.instanceId).toBe('0f5c3b1e-aaaa-bbbb-cccc-1234567890ab');
  expect(imported.env.region).toBe('us-west-2');
});

test('fromInstanceArn rejects an ARN without an instance id', () => {
  expect(() => ConnectInstance.fromInstanceArn(stack(), 'Imported', 'arn:aws:connect:us-west-2:111122223333:instance')).toThrow(/not an instance ARN/);
});

describe('synth-time validation names the construct path, the property, the rule and the value', () => {
  test.each<[string, Partial<ConnectInstanceProps>, string]>([
    [
      'alias starting with d-',
      { instanceAlias: 'd-corp' },
      `ConnectInstance 'Stack/Instance': instanceAlias must be 1–45 letters, digits or hyphens, not starting with "d-" and not starting or ending with a hyphen (got "d-corp")`,
    ],
    ['alias too long', { instanceAlias: 'a'.repeat(46) }, `instanceAlias must be 1–45 letters`],
    ['alias with a space', { instanceAlias: 'corp support' }, `(got "corp support")`],
    [
      'directory id with EXISTING_DIRECTORY missing',
      { identityManagementType: IdentityManagementType.EXISTING_DIRECTORY, instanceAlias: undefined },
      `ConnectInstance 'Stack/Instance': directoryId is required when identityManagementType is EXISTING_DIRECTORY`,
    ],
    [
      'directory id without EXISTING_DIRECTORY',
      { directoryId: 'd-0123456789' },
      `directoryId may only be given when identityManagementType is EXISTING_DIRECTORY (got "CONNECT_MANAGED")`,
    ],
    [
      'malformed directory id',
      { identityManagementType: IdentityManagementType.EXISTING_DIRECTORY, directoryId: 'd-XYZ' },
      `directoryId must be a directory id of the form "d-" followed by 10 hex digits (got "d-XYZ")`,
    ],
    ['tag key starting with aws:', { tags: { 'aws:owner': 'me' } }, `tags must have keys of 1–128 characters not starting with "aws:" (got key "aws:owner")`],
    ['tag value too long', { tags: { owner: 'x'.repeat(257) } }, `tags must have values of at most 256 characters`],
    ['too many tags', { tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) }, `tags must hold at most 49 tags (got 50)`],
    ['client token too long', { clientToken: 'x'.repeat(501) }, `clientToken must be a string of 1–500 characters`],
  ])('%s', (_, props, message) => {
    expect(() => new ConnectInstance(stack(), 'Instance', { ...BASE, ...props })).toThrow(message);
  });

  test('values known only at deploy time are left to the handler', () => {
    const s = stack();
    const alias = new CfnParameter(s, 'Alias').valueAsString;
    expect(() => new ConnectInstance(s, 'Instance', { ...BASE, instanceAlias: alias })).not.toThrow();
  });
});
