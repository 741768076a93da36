/**
 * ConnectInstance through its CloudFormation lifecycle against moto's server, an implementation of
 * the Connect API that this project did not write: the built handler bundle, real SDK clients,
 * CloudFormation-shaped events; Connect calls go through the FakeAws to moto_server (see
 * support/moto.ts for where moto differs from AWS and how the test adapts), the ResponseURL and
 * Lambda's Invoke stay on the FakeAws. Every step is checked against moto's own state, read from
 * moto directly.
 *
 * Skipped when moto_server is not installed, unless CONNECT_RESOURCES_REQUIRE_MOTO is set (CI sets
 * it): then a missing moto_server fails.
 */
import { CloudFormation, Delivery } from './support/cloudformation';
import { OWNER_TAG_KEY } from '../src/contract';
import { FakeAws } from './support/fake-aws';
import { REGION } from './support/fake-connect';
import { findMotoServer, InstanceAttributes, MOTO_ACCOUNT, MOTO_VERSION, MotoServer, REQUIRE_ENV } from './support/moto';

const TYPE = 'Custom::ConnectInstance';
const PROPS = {
  ServiceTimeout: 1800,
  IdentityManagementType: 'CONNECT_MANAGED',
  InstanceAlias: 'corp-support',
  InboundCallsEnabled: true,
  OutboundCallsEnabled: false,
  Tags: { team: 'support', tier: 'gold' },
};

const executable = findMotoServer();
const required = !!process.env[REQUIRE_ENV] && process.env[REQUIRE_ENV] !== '0';
const missing =
  `moto_server not found ($MOTO_SERVER, .venv-moto/bin/moto_server or PATH); ` +
  `install it with: python3 -m venv .venv-moto && .venv-moto/bin/pip install moto==${MOTO_VERSION} flask flask-cors`;

if (!executable && !required) {
  console.warn(`SKIPPED connect-instance.moto.test.ts: ${missing} (set ${REQUIRE_ENV}=1 to make this a failure)`);
}

if (!executable && required) {
  test('moto_server is installed', () => {
    throw new Error(`${REQUIRE_ENV} is set but ${missing}`);
  });
}

(executable ? describe : describe.skip)(`ConnectInstance against moto_server (${executable})`, () => {
  let moto: MotoServer;
  let aws: FakeAws;
  let attributes: InstanceAttributes;
  let cfn: CloudFormation;
  /** The ownership tag the handler adds to what it creates (logical id Instance). */
  const owner = () => ({ [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Instance` });

  beforeAll(async () => {
    moto = await MotoServer.start(executable!);
    aws = await FakeAws.start();
    attributes = moto.serveConnect(aws);
    cfn = new CloudFormation(aws);
  }, 60_000);
  afterAll(async () => {
    await aws?.close();
    await moto?.close();
  });

  async function deliver(...args: Parameters<CloudFormation['deliver']>): Promise<Delivery> {
    const delivery = await cfn.deliver(...args);
    if (delivery.answers.length !== 1 || delivery.answer.Status !== 'SUCCESS') {
      throw new Error(`expected one SUCCESS answer, got ${JSON.stringify(delivery.answers)}\n${delivery.logs.join('\n')}\nmoto:\n${moto.output}`);
    }
    return delivery;
  }

  // One instance through the lifecycle: each test is a step and builds on the one before.
  let id: string;
  let arn: string;

  test('Create makes the instance in moto, waits until it is ACTIVE and answers its id and ARN', async () => {
    const { answer } = await deliver(cfn.createEvent('Instance', TYPE, PROPS));

    id = answer.PhysicalResourceId;
    arn = `arn:aws:connect:${REGION}:${MOTO_ACCOUNT}:instance/${id}`;
    expect(answer).toMatchObject({ Status: 'SUCCESS', LogicalResourceId: 'Instance', StackId: cfn.stackId, Data: { Id: id, Arn: arn } });
    expect(aws.count('CreateInstance')).toBe(1);
    // The GetAtt attributes, from moto's DescribeInstance (its ISO CreatedTime, rewritten to epoch
    // seconds on the way, comes back as ISO-8601 text in UTC).
    const { body } = await moto.describeInstance(id);
    expect(answer.Data).toEqual({
      Id: id,
      Arn: arn,
      CreatedTime: new Date(body.Instance.CreatedTime).toISOString().replace(/\.000Z$/, 'Z'),
      InstanceStatus: 'ACTIVE',
      ServiceRole: body.Instance.ServiceRole,
    });
    expect(aws.count('DescribeInstance')).toBeGreaterThanOrEqual(1); // the wait: moto answers ACTIVE at once

    const described = await moto.describeInstance(id);
    expect(described.status).toBe(200);
    expect(described.body.Instance).toMatchObject({
      Id: id,
      Arn: arn,
      IdentityManagementType: 'CONNECT_MANAGED',
      InstanceAlias: 'corp-support',
      InstanceStatus: 'ACTIVE',
      InboundCallsEnabled: true,
      OutboundCallsEnabled: false,
      ServiceRole: expect.stringMatching(/^arn:aws:iam::\d{12}:role\//),
      // moto difference: ISO-8601 text where AWS sends epoch seconds (the forwarder rewrites it).
      CreatedTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/),
    });
    expect(await moto.tags(arn)).toEqual({ team: 'support', tier: 'gold', ...owner() });
    expect(await moto.instanceIds()).toEqual([id]);
  });

  test('a tags update untags the removed key and tags the changed and new ones, in place', async () => {
    const props = { ...PROPS, Tags: { team: 'billing', cost: '42' } };

    const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, id, props, PROPS));

    expect(answer).toMatchObject({ PhysicalResourceId: id, Data: { Id: id, Arn: arn } });
    expect(await moto.tags(arn)).toEqual({ team: 'billing', cost: '42', ...owner() });
    expect(aws.count('UntagResource')).toBe(1);
    expect(aws.count('TagResource')).toBe(1);
    expect(aws.count('UpdateInstanceAttribute')).toBe(0);
    expect(aws.count('CreateInstance')).toBe(1);
    expect(await moto.instanceIds()).toEqual([id]);
  });

  test('a call-flag update writes INBOUND_CALLS and OUTBOUND_CALLS in place (stand-in: moto lacks the attribute API)', async () => {
    const old = { ...PROPS, Tags: { team: 'billing', cost: '42' } };
    const props = { ...old, InboundCallsEnabled: false, OutboundCallsEnabled: true };

    const { answer } = await deliver(cfn.updateEvent('Instance', TYPE, id, props, old));

    expect(answer).toMatchObject({ PhysicalResourceId: id, Data: { Id: id, Arn: arn } });
    expect(aws.count('UpdateInstanceAttribute')).toBe(2);
    expect(await attributes.list(id)).toEqual({
      Attributes: [
        { AttributeType: 'INBOUND_CALLS', Value: 'false' },
        { AttributeType: 'OUTBOUND_CALLS', Value: 'true' },
      ],
    });
    // moto's own record is unchanged by the stand-in: its instance still exists, tags as before.
    expect((await moto.describeInstance(id)).body.Instance).toMatchObject({ Id: id, InstanceStatus: 'ACTIVE' });
    expect(await moto.tags(arn)).toEqual({ team: 'billing', cost: '42', ...owner() });
    expect(aws.count('CreateInstance')).toBe(1);
  });

  test('Delete deletes the instance in moto; deleting it again succeeds', async () => {
    const props = { ...PROPS, Tags: { team: 'billing', cost: '42' }, InboundCallsEnabled: false, OutboundCallsEnabled: true };

    const { answer } = await deliver(cfn.deleteEvent('Instance', TYPE, id, props));

    expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    const described = await moto.describeInstance(id);
    expect(described.status).toBe(404);
    expect(described.body.__type).toBe('ResourceNotFoundException');
    expect(await moto.instanceIds()).toEqual([]);

    // The second Delete asks moto first: DescribeInstance answers ResourceNotFoundException, so the
    // instance is gone and no second DeleteInstance is sent.
    const again = await deliver(cfn.deleteEvent('Instance', TYPE, id, props));
    expect(again.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(aws.count('DeleteInstance')).toBe(1);
  });

  // The pinned moto's differences from AWS that the adaptations above rely on. When a moto upgrade
  // fixes one, its check fails here: drop the matching adaptation in support/moto.ts.
  describe('where moto differs from AWS', () => {
    test('moto has no instance attribute API: every call is a Flask 404 page', async () => {
      const created = await moto.connect('PUT', '/instance', { IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: 'attrs' });
      const other = created.body.Id;
      for (const [method, apiPath, body] of [
        ['POST', `/instance/${other}/attribute/INBOUND_CALLS`, { Value: 'true' }],
        ['GET', `/instance/${other}/attribute/INBOUND_CALLS`, undefined],
        ['GET', `/instance/${other}/attributes`, undefined],
      ] as const) {
        const answer = await moto.connect(method, apiPath, body);
        expect({ method, apiPath, status: answer.status, html: answer.text.startsWith('<!doctype html>') }).toEqual({ method, apiPath, status: 404, html: true });
      }
      await moto.connect('DELETE', `/instance/${other}`);
    });

    test('moto ignores ClientToken: the same token makes a second instance', async () => {
      const request = { ClientToken: 'same-token', IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: 'token' };
      const first = await moto.connect('PUT', '/instance', request);
      const second = await moto.connect('PUT', '/instance', request);
      expect(second.body.Id).not.toBe(first.body.Id);
      for (const answer of [first, second]) await moto.connect('DELETE', `/instance/${answer.body.Id}`);
    });
  });
});
