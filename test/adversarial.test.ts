/**
 * Hostile events against the built handler bundle: every attack is delivered as a payload anyone
 * allowed to invoke the function could send, and each test shows the defence. Every invocation
 * runs in a fresh process with real SDK clients against the loopback fakes.
 *
 * Figures (attacks tried, unanswered events, longest time to answer) are printed at the end.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OWNER_TAG_KEY, WITHHELD } from '../src/contract';
import { MAX_BODY_BYTES } from '../src/handler/cfn-response';
import { CloudFormation, RESPONSE_URL_SECRET } from './support/cloudformation';
import { AwsError, FakeAws } from './support/fake-aws';
import { FakeCases } from './support/fake-cases';
import { ACCOUNT, FakeConnect, REGION } from './support/fake-connect';
import { FakeEvaluations } from './support/fake-evaluations';
import { FakePartnerCentral } from './support/fake-partner-central';

const INSTANCE = 'Custom::ConnectInstance';
const CASE = 'Custom::ConnectCase';
const CONTINUATION_KEY = 'CdkConnectResourcesContinuation';
const INSTANCE_PROPS = { ServiceTimeout: 1800, IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: 'hostile', InboundCallsEnabled: true, OutboundCallsEnabled: true };
const DOMAIN = '0e6f2c1a-7d4b-4c55-9a61-5b1f0c2d3e4f';
const TEMPLATE = 'b3c9e1d2-aaaa-4bbb-8ccc-111122223333';
const PROFILE = `arn:aws:profile:${REGION}:${ACCOUNT}:domains/support/profiles/3f1e2d3c4b5a`;
/** Customer data that must never show in a reason or a log line. */
const EMAIL = 'jane.doe.private@example.com';
const CASE_PROPS = {
  ServiceTimeout: 600,
  DomainId: DOMAIN,
  TemplateId: TEMPLATE,
  Fields: [
    { Id: 'title', Value: { StringValue: 'Refund' } },
    { Id: 'customer_id', Value: { StringValue: PROFILE } },
  ],
};

let aws: FakeAws;
let connect: FakeConnect;
let cases: FakeCases;
let cfn: CloudFormation;
/** A server no answer may ever reach: any request to it is a failure of the defence. */
let decoy: http.Server;
let decoyRequests = 0;

/** What every attack produced, for the closing figures. */
const figures = { attacks: 0, unanswered: 0, longestMs: 0 };

beforeAll(async () => {
  aws = await FakeAws.start();
  connect = new FakeConnect(aws);
  new FakeEvaluations(aws);
  new FakePartnerCentral(aws);
  cases = new FakeCases(aws);
  cases.addDomain(DOMAIN, TEMPLATE);
  decoy = http.createServer((_req, res) => {
    decoyRequests++;
    res.end();
  });
  await new Promise<void>((resolve) => decoy.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  // eslint-disable-next-line no-console
  console.log(`adversarial figures: ${figures.attacks} attacks, ${figures.unanswered} answerable events unanswered, longest time to answer ${figures.longestMs} ms`);
  decoy.close();
  await aws.close();
});
beforeEach(() => {
  cfn = new CloudFormation(aws);
});

/** Calls that reached a service fake (answers to CloudFormation and hand-overs not counted). */
const serviceCalls = () => aws.calls.filter((c) => c.operation !== 'CloudFormationAnswer').length;

let sequence = 0;
/** A well-formed event to start an attack from; its answers are recorded under `id`. */
function baseEvent(type = INSTANCE, props: Record<string, unknown> = INSTANCE_PROPS) {
  const event = cfn.createEvent('Victim', type, props);
  const id = `attack-${++sequence}`;
  return { id, event: { ...event, RequestId: id, ResponseURL: `${aws.url}/__cfn/${id}?${RESPONSE_URL_SECRET}` } as Record<string, any> };
}

interface Outcome {
  readonly answers: any[];
  readonly logs: string[];
  readonly ms: number;
}

/**
 * Runs one invocation with the payload. `answerId` is where its answers are recorded (undefined
 * when the payload cannot be answered). Checks what holds for every attack: at most one answer,
 * every body within CloudFormation's limit, nothing secret in the logs.
 */
async function attack(payload: unknown, answerId: string | undefined, remainingMs = 300_000): Promise<Outcome> {
  const started = Date.now();
  const run = await cfn.invoke(payload, { remainingMs });
  const ms = Date.now() - started;
  const answers = answerId === undefined ? [] : aws.answers.get(answerId) ?? [];
  figures.attacks++;
  if (answerId !== undefined && answers.length !== 1) figures.unanswered++;
  figures.longestMs = Math.max(figures.longestMs, ms);
  expect(ms).toBeLessThan(remainingMs);
  expect(answers.length).toBeLessThanOrEqual(1);
  for (const a of answers) expect(Buffer.byteLength(JSON.stringify(a))).toBeLessThanOrEqual(MAX_BODY_BYTES);
  for (const line of run.logs) {
    expect(line).not.toContain(RESPONSE_URL_SECRET);
    expect(line).not.toContain(EMAIL);
    expect(line.length).toBeLessThan(4_000);
  }
  return { answers, logs: run.logs, ms };
}

describe('malformed events get exactly one FAILED answer and no AWS call', () => {
  const big = 'x'.repeat(100_000);
  const cases_: [string, (e: Record<string, any>) => unknown][] = [
    ['a lowercase RequestType', (e) => ({ ...e, RequestType: 'create' })],
    ['an unknown RequestType', (e) => ({ ...e, RequestType: 'Destroy' })],
    ['no RequestType', (e) => ({ ...e, RequestType: undefined })],
    ['a RequestType that is an object', (e) => ({ ...e, RequestType: { Create: true } })],
    ['an unknown ResourceType', (e) => ({ ...e, ResourceType: 'Custom::Unknown' })],
    ['ResourceType __proto__', (e) => ({ ...e, ResourceType: '__proto__' })],
    ['ResourceType constructor', (e) => ({ ...e, ResourceType: 'constructor' })],
    ['ResourceType toString', (e) => ({ ...e, ResourceType: 'toString' })],
    ['no ResourceProperties', (e) => ({ ...e, ResourceProperties: undefined })],
    ['ResourceProperties that are a string', (e) => ({ ...e, ResourceProperties: 'InstanceAlias=x' })],
    ['ResourceProperties that are a list', (e) => ({ ...e, ResourceProperties: [1, 2] })],
    ['an Update without OldResourceProperties', (e) => ({ ...e, RequestType: 'Update', PhysicalResourceId: 'i-1' })],
    ['a Delete without PhysicalResourceId', (e) => ({ ...e, RequestType: 'Delete' })],
    ['a Delete with a 5 KB PhysicalResourceId', (e) => ({ ...e, RequestType: 'Delete', PhysicalResourceId: 'p'.repeat(5_000) })],
    ['an Update with a 5 KB PhysicalResourceId', (e) => ({ ...e, RequestType: 'Update', PhysicalResourceId: 'p'.repeat(5_000), OldResourceProperties: e.ResourceProperties })],
    ['no RequestId', (e) => ({ ...e, RequestId: undefined })],
    ['no LogicalResourceId', (e) => ({ ...e, LogicalResourceId: undefined })],
    ['no StackId', (e) => ({ ...e, StackId: undefined })],
    ['a 100 KB LogicalResourceId', (e) => ({ ...e, LogicalResourceId: big })],
    ['a 100 KB StackId', (e) => ({ ...e, StackId: big })],
    ['a 100 KB property value', (e) => ({ ...e, ResourceProperties: { ...e.ResourceProperties, InstanceAlias: big } })],
    ['a 100 KB unknown property name', (e) => ({ ...e, ResourceProperties: { ...e.ResourceProperties, [big]: 'x' } })],
    ['a property named __proto__', (e) => ({ ...e, ResourceProperties: JSON.parse(`{"__proto__": {"InstanceAlias": "x"}, "IdentityManagementType": "SAML"}`) })],
    ['a ServiceTimeout of 1e9', (e) => ({ ...e, ResourceProperties: { ...e.ResourceProperties, ServiceTimeout: '1e9', InstanceAlias: '-bad-' } })],
    ['a continuation at hop 99', (e) => ({ ...e, [CONTINUATION_KEY]: { startedAt: Date.now(), invocation: 99 } })],
    ['a continuation started in the future', (e) => ({ ...e, [CONTINUATION_KEY]: { startedAt: Date.now() + 3_600_000, invocation: 2 } })],
    ['a continuation started two hours ago', (e) => ({ ...e, [CONTINUATION_KEY]: { startedAt: Date.now() - 7_200_000, invocation: 2 } })],
    ['a continuation that is a string', (e) => ({ ...e, [CONTINUATION_KEY]: 'adopt i-1' })],
    ['a continuation with non-string attributes', (e) => ({ ...e, [CONTINUATION_KEY]: { startedAt: Date.now(), invocation: 2, created: { physicalResourceId: 'i-1', data: { Id: { nested: 1 } } } } })],
  ];

  test.each(cases_)('%s', async (_name, mutate) => {
    const before = serviceCalls();
    const { id, event } = baseEvent();
    const { answers } = await attack(mutate(event), id);

    expect(answers).toHaveLength(1);
    expect(answers[0].Status).toBe('FAILED');
    expect(answers[0].Reason).toMatch(/\S/);
    expect(serviceCalls()).toBe(before);
  });
});

describe('a ResponseURL that is not CloudFormation’s gets no request and no AWS call', () => {
  const foreign = (): [string, unknown][] => {
    const decoyHost = `127.0.0.1:${(decoy.address() as AddressInfo).port}`;
    return [
      ['a loopback host not in the list', `http://${decoyHost}/answer?${RESPONSE_URL_SECRET}`],
      ['https to a host outside amazonaws.com', `https://attacker.example.com/a?${RESPONSE_URL_SECRET}`],
      ['amazonaws.com as a subdomain of another host', `https://bucket.s3.amazonaws.com.attacker.example/a?${RESPONSE_URL_SECRET}`],
      ['a host that merely ends in "amazonaws.com"', `https://evilamazonaws.com/a?${RESPONSE_URL_SECRET}`],
      ['plain http to an amazonaws.com host', `http://bucket.s3.amazonaws.com/a?${RESPONSE_URL_SECRET}`],
      ['an amazonaws.com host on another port', `https://bucket.s3.amazonaws.com:8443/a?${RESPONSE_URL_SECRET}`],
      ['credentials in the URL', `https://user:pw@bucket.s3.amazonaws.com/a?${RESPONSE_URL_SECRET}`],
      ['the instance metadata address', `http://169.254.169.254/latest/meta-data/?${RESPONSE_URL_SECRET}`],
      ['a file URL', 'file:///etc/passwd'],
      ['not a URL', 'not a url'],
      ['no ResponseURL', undefined],
      ['a ResponseURL that is an object', { href: `${aws.url}/__cfn/x` }],
    ];
  };

  test('none of them', async () => {
    const before = serviceCalls();
    for (const [name, url] of foreign()) {
      const { event } = baseEvent();
      const { logs } = await attack({ ...event, ResponseURL: url }, undefined);
      expect({ name, lines: logs.filter((l) => l.includes('not answered and not acted on')).length }).toEqual({ name, lines: 1 });
    }
    expect(serviceCalls()).toBe(before);
    expect(decoyRequests).toBe(0);
  });

  test('payloads that are not events at all: null, a number, a string, a list', async () => {
    const before = serviceCalls();
    for (const payload of [null, 42, 'Create', [{ RequestType: 'Create' }]]) {
      const { logs } = await attack(payload, undefined);
      expect(logs.join('\n')).toContain('not answered and not acted on');
    }
    expect(serviceCalls()).toBe(before);
  });
});

describe('the answer path is bounded', () => {
  test('a ResponseURL that answers 403 is tried once', async () => {
    const { id, event } = baseEvent(INSTANCE, { ...INSTANCE_PROPS, InstanceAlias: '-bad-' });
    aws.inject('CloudFormationAnswer', '403', '403');
    const before = aws.count('CloudFormationAnswer');

    const { logs } = await attack(event, undefined);

    expect(aws.count('CloudFormationAnswer') - before).toBe(1);
    expect(logs.join('\n')).toContain('could not deliver the answer');
    expect(aws.answers.get(id)).toBeUndefined();
    aws.clearFaults('CloudFormationAnswer');
  });

  test('5xx answers from the ResponseURL are retried until the answer is in', async () => {
    const { id, event } = baseEvent(INSTANCE, { ...INSTANCE_PROPS, InstanceAlias: '-bad-' });
    aws.inject('CloudFormationAnswer', '500', '500');
    const before = aws.count('CloudFormationAnswer');

    const { answers } = await attack(event, id);

    expect(answers.length).toBe(1);
    expect(aws.count('CloudFormationAnswer') - before).toBe(3);
  });

  test('a ResponseURL host that accepts and never answers does not outlast the invocation', async () => {
    // Refused at intake: answered at once, so the PUT's own bounds are what is measured.
    const { event } = baseEvent(INSTANCE, { ...INSTANCE_PROPS, InstanceAlias: '-bad-' });
    event.RequestType = 'create';
    aws.inject('CloudFormationAnswer', ...Array<'hang'>(20).fill('hang'));
    const remainingMs = 6_000;

    const { ms, logs } = await attack(event, undefined, remainingMs);

    expect(ms).toBeGreaterThan(remainingMs - 2_000); // it did wait for the host, as long as it could
    expect(ms).toBeLessThan(remainingMs);
    expect(logs.join('\n')).toContain('could not deliver the answer');
    aws.clearFaults('CloudFormationAnswer');
  });

  test('a Lambda endpoint that refuses the hand-over: FAILED with the created id, in time', async () => {
    const { id, event } = baseEvent();
    // Lambda answers TooManyRequestsException with 429 (documented: Invoke errors): nothing is queued.
    aws.inject('Invoke', ...Array(40).fill(new AwsError('TooManyRequestsException', 'Rate exceeded', 429)));
    const remainingMs = 11_500; // the deadline comes 1.5 s in, while the instance is still being created

    const { answers, ms } = await attack(event, id, remainingMs);
    aws.clearFaults('Invoke');

    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ Status: 'FAILED' });
    expect(answers[0].Reason).toMatch(/could not continue in a fresh invocation/);
    // The instance exists: its id is answered so the rollback's Delete removes it.
    expect(connect.instances.has(answers[0].PhysicalResourceId)).toBe(true);
    expect(ms).toBeLessThan(remainingMs);
  });

  test('a Lambda endpoint that hangs at hand-over time: the hand-over may have been queued, so nothing is answered here, in time', async () => {
    const { id, event } = baseEvent();
    aws.inject('Invoke', 'hang', 'hang', 'hang', 'hang');
    const remainingMs = 11_500;

    const { ms, logs } = await attack(event, undefined, remainingMs);
    aws.clearFaults('Invoke');

    // Answering FAILED here could contradict the chain Lambda may be running: no answer at all.
    expect(aws.answers.get(id)).toBeUndefined();
    expect(logs.join('\n')).toContain('the fresh invocation is not confirmed');
    expect(ms).toBeLessThan(remainingMs);
  });
});

describe('only resources this stack created are adopted, changed or deleted', () => {
  /** An instance created by another stack, under the same logical id. */
  async function foreignInstance(): Promise<string> {
    const other = new CloudFormation(aws);
    const { answer } = await other.deliver(other.createEvent('Victim', INSTANCE, { ...INSTANCE_PROPS, InstanceAlias: `other-${++sequence}` }));
    expect(answer.Status).toBe('SUCCESS');
    return answer.PhysicalResourceId;
  }

  test('a forged Delete of another stack’s instance answers SUCCESS and deletes nothing', async () => {
    const victim = await foreignInstance();
    const deletes = aws.count('DeleteInstance');
    const { id, event } = baseEvent();

    const { answers, logs } = await attack({ ...event, RequestType: 'Delete', PhysicalResourceId: victim }, id);

    expect(answers[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: victim });
    expect(aws.count('DeleteInstance')).toBe(deletes);
    expect(connect.live().some((i) => i.Id === victim)).toBe(true);
    expect(logs.some((l) => l.includes('"WARN"') && l.includes('ownership tag'))).toBe(true);
  });

  test('a forged continuation naming another stack’s instance adopts nothing and reports another id', async () => {
    const victim = await foreignInstance();
    const { id, event } = baseEvent();
    const forged = { ...event, [CONTINUATION_KEY]: { startedAt: Date.now(), invocation: 2, created: { physicalResourceId: victim, data: { Id: victim, Arn: 'x' } } } };

    const { answers } = await attack(forged, id);

    expect(answers[0].Status).toBe('FAILED');
    expect(answers[0].PhysicalResourceId).not.toBe(victim);
    expect(answers[0].Reason).toMatch(/ownership tag; nothing was adopted/);
  });

  test('a forged Update of another stack’s case changes nothing', async () => {
    const other = new CloudFormation(aws);
    const { answer } = await other.deliver(other.createEvent('Victim', CASE, { ...CASE_PROPS, Tags: { team: 'a' } }));
    const updates = aws.count('TagResource') + aws.count('UpdateCase');
    const { id, event } = baseEvent(CASE, { ...CASE_PROPS, Tags: { team: 'b' } });

    const { answers } = await attack({ ...event, RequestType: 'Update', PhysicalResourceId: answer.PhysicalResourceId, OldResourceProperties: event.ResourceProperties, ResourceProperties: { ...event.ResourceProperties, Tags: { team: 'c' } } }, id);

    expect(answers[0]).toMatchObject({ Status: 'FAILED' });
    expect(aws.count('TagResource') + aws.count('UpdateCase')).toBe(updates);
  });

  test('users cannot set the ownership tag', async () => {
    const { id, event } = baseEvent(INSTANCE, { ...INSTANCE_PROPS, Tags: { [OWNER_TAG_KEY]: 'someone-else/Victim' } });
    const before = aws.count('CreateInstance');

    const { answers } = await attack(event, id);

    expect(answers[0].Status).toBe('FAILED');
    expect(answers[0].Reason).toContain(OWNER_TAG_KEY);
    expect(aws.count('CreateInstance')).toBe(before);
  });

  test('attributes too large for the answer: FAILED, still naming the resource this stack created', async () => {
    // A case: no readiness wait, so the continuation's attributes are answered as they came once
    // the case is confirmed ours (an instance's wait would read its attributes afresh).
    const { id: createId, event: create } = baseEvent(CASE, CASE_PROPS);
    await attack(create, createId);
    const ours = aws.answers.get(createId)![0].PhysicalResourceId;
    const { id, event } = baseEvent(CASE, CASE_PROPS);
    const continued = { ...event, LogicalResourceId: 'Victim', [CONTINUATION_KEY]: { startedAt: Date.now(), invocation: 2, created: { physicalResourceId: ours, data: { CaseArn: ours, CaseId: 'a'.repeat(5_000) } } } };

    const { answers } = await attack(continued, id);

    expect(answers[0]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: ours });
    expect(answers[0].Reason).toMatch(/attributes \(\d+ bytes\) do not fit/);
  });
});

describe('customer data stays out of reasons and logs', () => {
  test('a bad case field value is named, not shown', async () => {
    const { id, event } = baseEvent(CASE, { ...CASE_PROPS, Fields: [...CASE_PROPS.Fields, { Id: 'email', Value: { DoubleValue: EMAIL } }] });

    const { answers } = await attack(event, id);

    expect(answers[0].Status).toBe('FAILED');
    expect(answers[0].Reason).toContain(`field "email" a finite number in plain decimal notation (got ${WITHHELD})`);
    expect(answers[0].Reason).not.toContain(EMAIL);
  });

  test('a service message that repeats a field value is withheld', async () => {
    aws.inject('CreateCase', new AwsError('ValidationException', `field value ${EMAIL} is not valid`, 400));
    const { id, event } = baseEvent(CASE, { ...CASE_PROPS, Fields: [...CASE_PROPS.Fields, { Id: 'email', Value: { StringValue: EMAIL } }] });

    const { answers } = await attack(event, id);

    expect(answers[0].Reason).toBe("Victim: ValidationException (HTTP 400; the service's message is not shown: it may repeat customer data)");
  });

  test('a lead contact’s email that Partner Central repeats is withheld', async () => {
    aws.inject('CreateEngagementContext', new AwsError('ValidationException', `Email ${EMAIL} is invalid`, 400));
    const lead = {
      Lead: {
        Customer: { CompanyName: 'Example Corp', Address: { CountryCode: 'US' } },
        Interactions: [{ SourceType: 'Event', InteractionDate: '2026-05-01T09:30:00Z', Contact: { BusinessTitle: 'CTO', Email: EMAIL, FirstName: 'Jane', LastName: 'Doe' } }],
      },
    };
    const { id, event } = baseEvent('Custom::PartnerCentralEngagementContext', { ServiceTimeout: 300, Catalog: 'Sandbox', EngagementIdentifier: 'eng-00000000000abc', Type: 'Lead', Payload: lead });

    const { answers } = await attack(event, id);

    expect(answers[0].Status).toBe('FAILED');
    expect(answers[0].Reason).not.toContain(EMAIL);
  });
});
