import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, CfnParameter, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as connect from 'aws-cdk-lib/aws-connect';
import { ConnectInstance, ConnectInstanceProps, FlowVersion, IConnectInstance, IdentityManagementType } from '../src';
import { ValidationCode, ValidationError } from '../src/private/validation-error';

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

test('attributes are GetAtt of the return values of AWS::Connect::Instance', () => {
  const s = stack();
  const instance = new ConnectInstance(s, 'Instance', BASE);
  const getAtt = (name: string) => ({ 'Fn::GetAtt': [expect.stringMatching(/^Instance/), name] });

  expect(s.resolve(instance.instanceId)).toEqual(getAtt('Id'));
  expect(s.resolve(instance.instanceArn)).toEqual(getAtt('Arn'));
  expect(s.resolve(instance.attrId)).toEqual(getAtt('Id'));
  expect(s.resolve(instance.attrArn)).toEqual(getAtt('Arn'));
  expect(s.resolve(instance.attrCreatedTime)).toEqual(getAtt('CreatedTime'));
  expect(s.resolve(instance.attrInstanceStatus)).toEqual(getAtt('InstanceStatus'));
  expect(s.resolve(instance.attrServiceRole)).toEqual(getAtt('ServiceRole'));
});

/** The members of CfnInstance.AttributesProperty in the installed aws-cdk-lib. */
function l1AttributeMembers(): string[] {
  const root = path.dirname(require.resolve('aws-cdk-lib'));
  const dts = fs.readFileSync(path.join(root, 'aws-connect', 'lib', 'connect.generated.d.ts'), 'utf8');
  const body = dts.slice(dts.indexOf('interface AttributesProperty {'));
  return [...body.slice(0, body.indexOf('\n    }')).matchAll(/readonly (\w+)\??:/g)].map((m) => m[1]);
}

const ALL_ATTRIBUTES: Required<Pick<ConnectInstanceProps, Exclude<keyof ConnectInstanceProps, 'identityManagementType' | 'instanceAlias' | 'directoryId' | 'tags' | 'clientToken' | 'removalPolicy' | 'adoptInstance'>>> = {
  inboundCallsEnabled: true,
  outboundCallsEnabled: false,
  autoMuteAgentOnHoldEnabled: true,
  autoResolveBestVoicesEnabled: false,
  contactflowLogsEnabled: true,
  contactLensEnabled: false,
  earlyMediaEnabled: true,
  enhancedChatMonitoringEnabled: false,
  enhancedContactMonitoringEnabled: true,
  highVolumeOutBoundEnabled: false,
  messageStreamingEnabled: true,
  multiPartyChatConferenceEnabled: false,
  multiPartyConferenceEnabled: true,
  useCustomTtsVoicesEnabled: false,
};

// Members the L1 of the peer floor (aws-cdk-lib 2.258.0, the devDependency these tests run on)
// does not have yet; newer versions do (2.276.0 lists all 14).
const NEWER_THAN_FLOOR = ['autoMuteAgentOnHold'];

test('every member of CfnInstance.AttributesProperty is a prop named <member>Enabled', () => {
  const members = l1AttributeMembers();
  expect(members.length).toBeGreaterThanOrEqual(13);
  const expected = [...new Set([...members, ...NEWER_THAN_FLOOR])].map((m) => `${m}Enabled`);
  expect(Object.keys(ALL_ATTRIBUTES).sort()).toEqual(expected.sort());
});

test('every attribute prop is a template property named in PascalCase', () => {
  const s = stack();
  new ConnectInstance(s, 'Instance', { ...BASE, ...ALL_ATTRIBUTES });

  const expected = Object.fromEntries(Object.entries(ALL_ATTRIBUTES).map(([prop, value]) => [prop[0].toUpperCase() + prop.slice(1), value]));
  expect(expected).toMatchObject({ ContactLensEnabled: false, HighVolumeOutBoundEnabled: false, ContactflowLogsEnabled: true });
  Template.fromStack(s).hasResourceProperties('Custom::ConnectInstance', expected);
});

test('an attribute known only at deploy time is left to the handler', () => {
  const s = stack();
  const enabled = new CfnParameter(s, 'ContactLens', { type: 'String', allowedValues: ['true', 'false'] }).valueAsString;
  new ConnectInstance(s, 'Instance', { ...BASE, contactLensEnabled: enabled as unknown as boolean });

  Template.fromStack(s).hasResourceProperties('Custom::ConnectInstance', { ContactLensEnabled: { Ref: 'ContactLens' } });
});

test('fromInstanceArn imports the id from the ARN', () => {
  const s = stack();
  const imported = ConnectInstance.fromInstanceArn(s, 'Imported', 'arn:aws:connect:us-west-2:111122223333:instance/0f5c3b1e-aaaa-bbbb-cccc-1234567890ab');

  expect(imported.instanceId).toBe('0f5c3b1e-aaaa-bbbb-cccc-1234567890ab');
  expect(imported.env.region).toBe('us-west-2');
});

describe('fromInstanceAttributes', () => {
  const ARN = 'arn:aws:connect:us-west-2:111122223333:instance/0f5c3b1e-aaaa-bbbb-cccc-1234567890ab';
  const ROLE = 'arn:aws:iam::111122223333:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_0123456789';

  test('imports the id and environment from the ARN, with the alias, service role, status and creation time given', () => {
    const s = stack();
    const imported = ConnectInstance.fromInstanceAttributes(s, 'Imported', {
      instanceArn: ARN,
      instanceAlias: 'corp-support',
      serviceRole: ROLE,
      instanceStatus: 'ACTIVE',
      createdTime: '2026-11-30T09:15:02.123Z',
    });

    expect(imported).toMatchObject({ instanceArn: ARN, instanceId: '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab', instanceAlias: 'corp-support', serviceRole: ROLE, instanceStatus: 'ACTIVE', createdTime: '2026-11-30T09:15:02.123Z' });
    expect(imported.env).toMatchObject({ account: '111122223333', region: 'us-west-2' });
    expect(imported.instanceRef).toEqual({ instanceArn: ARN });
  });

  test('what is not given is undefined; the ARN alone imports as fromInstanceArn does', () => {
    const s = stack();
    const imported = ConnectInstance.fromInstanceAttributes(s, 'Imported', { instanceArn: ARN });

    expect([imported.instanceAlias, imported.serviceRole, imported.instanceStatus, imported.createdTime]).toEqual([undefined, undefined, undefined, undefined]);
    expect(imported.instanceId).toBe(ConnectInstance.fromInstanceArn(s, 'ByArn', ARN).instanceId);
  });

  test('attributes of another stack, known only at deploy time, are taken as tokens', () => {
    const s = stack();
    const arn = new CfnParameter(s, 'InstanceArn').valueAsString;
    const imported = ConnectInstance.fromInstanceAttributes(s, 'Imported', { instanceArn: arn, instanceAlias: new CfnParameter(s, 'Alias').valueAsString });

    expect(s.resolve(imported.instanceId)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'InstanceArn' }] }] }] }] });
    expect(s.resolve(imported.instanceAlias)).toEqual({ Ref: 'Alias' });
  });

  test('an ARN without an instance id and an alias the service would refuse are rejected, naming the import', () => {
    const s = stack();
    expect(() => ConnectInstance.fromInstanceAttributes(s, 'NoId', { instanceArn: 'arn:aws:connect:us-west-2:111122223333:instance' }))
      .toThrow("ConnectInstance.fromInstanceAttributes 'Stack': arn:aws:connect:us-west-2:111122223333:instance is not an instance ARN (no instance id)");
    expect(() => ConnectInstance.fromInstanceAttributes(s, 'BadAlias', { instanceArn: ARN, instanceAlias: 'd-corp' }))
      .toThrow(/^ConnectInstance.fromInstanceAttributes 'Stack': instanceAlias must be 1–45 letters, digits or hyphens.*\(got "d-corp"\)$/);
    expect(() => ConnectInstance.fromInstanceAttributes(s, 'BadStatus', { instanceArn: ARN, instanceStatus: 'RUNNING' }))
      .toThrow(`ConnectInstance.fromInstanceAttributes 'Stack': instanceStatus must be one of "CREATION_IN_PROGRESS", "ACTIVE", "CREATION_FAILED" (got "RUNNING")`);
  });

  test('an instance of another region is refused where it is used, as with fromInstanceArn', () => {
    const s = stack();
    const instance = ConnectInstance.fromInstanceAttributes(s, 'Elsewhere', { instanceArn: ARN.replace('us-west-2', 'eu-west-1'), instanceAlias: 'corp-support' });
    expect(() => new FlowVersion(s, 'Version', { instance, contactFlowId: 'flow-1' })).toThrow(
      "FlowVersion 'Stack/Version': instance Stack/Elsewhere is in region eu-west-1, the stack in us-west-2; the handler reaches instances of its own account and region only",
    );
  });

  test('a ConnectInstance offers the same attributes through IConnectInstance', () => {
    const s = stack();
    const instance: IConnectInstance = new ConnectInstance(s, 'Instance', BASE);
    const created = instance as ConnectInstance;

    expect(instance.instanceAlias).toBe(BASE.instanceAlias);
    expect(s.resolve(instance.serviceRole)).toEqual(s.resolve(created.attrServiceRole));
    expect(s.resolve(instance.instanceStatus)).toEqual(s.resolve(created.attrInstanceStatus));
    expect(s.resolve(instance.createdTime)).toEqual(s.resolve(created.attrCreatedTime));
    // And an import serves the L1s as an instance does.
    new connect.CfnQueue(s, 'Queue', { instanceArn: ConnectInstance.fromInstanceAttributes(s, 'Imported', { instanceArn: ARN }), name: 'q', hoursOfOperationArn: `${ARN}/operating-hours/h` });
    Template.fromStack(s).hasResourceProperties('AWS::Connect::Queue', { InstanceArn: ARN });
  });
});

test('a bad prop throws one ValidationError carrying the construct path and the rule code', () => {
  const s = stack();
  let thrown: unknown;
  try {
    new ConnectInstance(s, 'Instance', { ...BASE, instanceAlias: 'd-corp' });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect(thrown).toMatchObject({ code: ValidationCode.SPEC, constructPath: `${s.node.path}/Instance` });
  expect((thrown as Error).message).toMatch(new RegExp(`^ConnectInstance '${s.node.path}/Instance': instanceAlias must be`));
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
    ['tag key starting with aws:', { tags: { 'aws:owner': 'me' } }, `tags must have keys of 1–128 characters of the allowed set, not starting with "aws:" (got key "aws:owner")`],
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
