/**
 * The shared lifecycle in-process, with its edges replaced: the paths that are hard to provoke
 * through a real service — a resource module that crashes, a module that cannot be loaded, a
 * hand-over that cannot be made.
 */
import { CONNECT_INSTANCE, PACING_ENV } from '../src/spec';
import { startDelayMs } from '../src/handler/pacing';
import type { CfnAnswer, CfnEvent } from '../src/handler/cfn-response';
import { FAILED_CREATE_PREFIX, handleEvent, LifecycleEdges } from '../src/handler/lifecycle';
import { CONTINUATION_KEY } from '../src/handler/waiter';
import type { ResourceModule } from '../src/handler/resource-module';

const event: CfnEvent = {
  RequestType: 'Create',
  ServiceToken: 'arn:aws:lambda:us-west-2:111122223333:function:f',
  ResponseURL: 'https://example.invalid/response',
  StackId: 'arn:aws:cloudformation:us-west-2:111122223333:stack/S/1b2c',
  RequestId: 'request-1',
  LogicalResourceId: 'Instance',
  ResourceType: 'Custom::ConnectInstance',
  ResourceProperties: { IdentityManagementType: 'SAML', InstanceAlias: 'a', InboundCallsEnabled: 'true', OutboundCallsEnabled: 'false' },
};

const context = (remainingMs = 300_000) => ({ invokedFunctionArn: 'arn:aws:lambda:us-west-2:111122223333:function:f', getRemainingTimeInMillis: () => remainingMs });

function edges(module: Partial<ResourceModule> | Error, overrides: Partial<LifecycleEdges> = {}) {
  const answers: CfnAnswer[] = [];
  const handedOver: unknown[] = [];
  const value: LifecycleEdges = {
    resourceTypes: ['Custom::ConnectInstance'],
    loadModule: async () => {
      if (module instanceof Error) throw module;
      return { spec: CONNECT_INSTANCE, owns: async () => true, create: async () => ({ physicalResourceId: 'i-1', data: {} }), update: async () => ({ physicalResourceId: 'i-1', data: {} }), delete: async () => undefined, ...module };
    },
    continueIn: async (_arn, e) => void handedOver.push(e),
    send: async (_e, answer) => void answers.push(answer),
    ...overrides,
  };
  return { value, answers, handedOver };
}

beforeAll(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));

test('a resource module that throws a TypeError is answered once, FAILED, naming the logical id', async () => {
  const e = edges({ create: async () => (undefined as any).Id });

  await handleEvent(event, context(), e.value);

  expect(e.answers).toHaveLength(1);
  expect(e.answers[0]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: `${FAILED_CREATE_PREFIX}request-1` });
  expect(e.answers[0].Reason).toMatch(/^Instance: TypeError: Cannot read properties of undefined/);
  expect(e.answers[0].Reason).not.toContain('\n');
});

test('a module that cannot be loaded is answered once, FAILED', async () => {
  const e = edges(new Error('chunk missing'));

  await handleEvent(event, context(), e.value);

  expect(e.answers).toEqual([expect.objectContaining({ Status: 'FAILED', Reason: 'Instance: the handler failed unexpectedly: Error: chunk missing' })]);
});

test('work that outlasts the invocation is handed over with what is known, and not answered here', async () => {
  const e = edges({
    create: async () => ({ physicalResourceId: 'i-1', data: { Id: 'i-1' } }),
    stabilize: async () => undefined, // never ready
  });

  await handleEvent(event, context(10_500), e.value);

  expect(e.answers).toEqual([]);
  expect(e.handedOver).toEqual([
    expect.objectContaining({ RequestId: 'request-1', [CONTINUATION_KEY]: expect.objectContaining({ invocation: 2, created: { physicalResourceId: 'i-1', data: { Id: 'i-1' } } }) }),
  ]);
});

test('a continuation that already knows the resource only waits for it', async () => {
  const create = jest.fn();
  const e = edges({ create, stabilize: async (_p, created) => created });
  const continued = { ...event, [CONTINUATION_KEY]: { startedAt: Date.now(), invocation: 2, created: { physicalResourceId: 'i-9', data: { Id: 'i-9' } } } };

  await handleEvent(continued, context(), e.value);

  expect(create).not.toHaveBeenCalled();
  expect(e.answers).toEqual([expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'i-9' })]);
});

test('when the hand-over fails, the event is answered FAILED instead', async () => {
  const e = edges({ stabilize: async () => undefined }, { continueIn: async () => Promise.reject(new Error('AccessDenied')) });

  await handleEvent(event, context(10_500), e.value);

  expect(e.answers).toEqual([
    expect.objectContaining({ Status: 'FAILED', PhysicalResourceId: 'i-1', Reason: expect.stringContaining('could not continue in a fresh invocation: Error: AccessDenied') }),
  ]);
});

test('a step still throttled after the SDK retries is tried again until it gets through', async () => {
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
  const create = jest.fn().mockRejectedValueOnce(throttled).mockResolvedValue({ physicalResourceId: 'i-1', data: {} });
  const e = edges({ create });

  await handleEvent(event, context(), e.value);

  expect(create).toHaveBeenCalledTimes(2);
  expect(e.answers).toEqual([expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'i-1' })]);
});

test('other service errors are not tried again', async () => {
  const invalid = Object.assign(new Error('bad alias'), { name: 'InvalidRequestException', $metadata: { httpStatusCode: 400 } });
  const create = jest.fn().mockRejectedValue(invalid);
  const e = edges({ create });

  await handleEvent(event, context(), e.value);

  expect(create).toHaveBeenCalledTimes(1);
  expect(e.answers).toEqual([expect.objectContaining({ Status: 'FAILED', Reason: 'Instance: InvalidRequestException: bad alias' })]);
});

describe("a burst's turns", () => {
  // 1000 instances at 1 per second: turns spread over 1100 s.
  beforeEach(() => (process.env[PACING_ENV] = JSON.stringify({ 'Custom::ConnectInstance': { uses: 1000, rate: 1 } })));
  afterEach(() => delete process.env[PACING_ENV]);
  const INVOCATION_MS = 3_000; // what a context of 13 s leaves for working (10 s are kept for answering)

  /** An event whose turn comes in a later invocation, and when it must hand over: a whole number of invocations before the turn. */
  function laterTurn(): { event: CfnEvent; handOverMs: number } {
    for (let i = 0; ; i++) {
      const e = { ...event, RequestId: `request-turn-${i}` };
      const turn = startDelayMs(e, 3_600_000);
      const handOverMs = turn - INVOCATION_MS * Math.ceil((turn - INVOCATION_MS) / INVOCATION_MS);
      // Well before the invocation's end, where a hand-over would come without the staggering.
      if (handOverMs > 300 && handOverMs < 1_200) return { event: e, handOverMs };
    }
  }

  test('an event waits for its turn before its first call, and hands over a whole number of invocations before it when the turn lies beyond this one', async () => {
    const create = jest.fn();
    const e = edges({ create });
    const { event: burstEvent, handOverMs } = laterTurn();
    const started = Date.now();

    await handleEvent(burstEvent, context(10_000 + INVOCATION_MS), e.value);

    // The burst's invocations end together; their hand-overs come as spread as their turns.
    expect(Date.now() - started).toBeGreaterThanOrEqual(handOverMs - 50);
    expect(Date.now() - started).toBeLessThan(INVOCATION_MS - 500);
    expect(create).not.toHaveBeenCalled();
    expect(e.answers).toEqual([]);
    expect(e.handedOver).toEqual([expect.objectContaining({ [CONTINUATION_KEY]: expect.objectContaining({ invocation: 2 }) })]);
    // The continuation keeps the first invocation's start, so it waits only for what is left.
    expect(Math.abs((e.handedOver[0] as any)[CONTINUATION_KEY].startedAt - started)).toBeLessThan(50);
  });

  test('a continuation whose turn has come calls the service at once', async () => {
    const e = edges({});
    const { event: burstEvent } = laterTurn();
    const turn = startDelayMs(burstEvent, 3_600_000);
    const continued = { ...burstEvent, [CONTINUATION_KEY]: { startedAt: Date.now() - turn, invocation: 2 } };
    const started = Date.now();

    await handleEvent(continued, context(), e.value);

    expect(Date.now() - started).toBeLessThan(500);
    expect(e.answers).toEqual([expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'i-1' })]);
  });
});
