/**
 * The shared lifecycle in-process, with its edges replaced: the paths that are hard to provoke
 * through a real service — a resource module that crashes, a module that cannot be loaded, a
 * hand-over that cannot be made.
 */
import { CONNECT_INSTANCE } from '../src/contract';
import type { CfnAnswer, CfnEvent } from '../src/handler/cfn-response';
import { FAILED_CREATE_PREFIX, handleEvent, LifecycleEdges, TRANSIENT_RETRY_MS } from '../src/handler/lifecycle';
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
    continueIn: async (_arn, e) => {
      handedOver.push(e);
      return 'queued';
    },
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

test.each([
  ['a 500', Object.assign(new Error('injected'), { name: 'InternalServiceException', $metadata: { httpStatusCode: 500 } })],
  ['a connection reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ['a timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
])('a step still failing with %s after the SDK retries is tried again until it gets through', async (_, transient) => {
  const create = jest.fn().mockRejectedValueOnce(transient).mockRejectedValueOnce(transient).mockResolvedValue({ physicalResourceId: 'i-1', data: {} });
  const e = edges({ create });

  await handleEvent(event, context(), e.value);

  expect(create).toHaveBeenCalledTimes(3);
  expect(e.answers).toEqual([expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'i-1' })]);
});

test('a transient fault that does not pass is answered FAILED a minute after it began, not held until the ServiceTimeout', async () => {
  jest.useFakeTimers();
  try {
    const broken = Object.assign(new Error('injected'), { name: 'InternalServiceException', $metadata: { httpStatusCode: 500 } });
    const create = jest.fn().mockRejectedValue(broken);
    const e = edges({ create });

    const handled = handleEvent(event, context(), e.value);
    await jest.advanceTimersByTimeAsync(TRANSIENT_RETRY_MS + 10_000);
    await handled;

    expect(create.mock.calls.length).toBeGreaterThan(5);
    expect(e.answers).toEqual([expect.objectContaining({ Status: 'FAILED', Reason: 'Instance: InternalServiceException: injected' })]);
    expect(e.handedOver).toEqual([]);
  } finally {
    jest.useRealTimers();
  }
});

test('a quota error is answered at once, although Connect sends it with HTTP 429', async () => {
  const quota = Object.assign(new Error('limit'), { name: 'LimitExceededException', $metadata: { httpStatusCode: 429 }, $retryable: { throttling: true } });
  const create = jest.fn().mockRejectedValue(quota);
  const e = edges({ create });

  await handleEvent(event, context(), e.value);

  expect(create).toHaveBeenCalledTimes(1);
  expect(e.answers).toEqual([expect.objectContaining({ Status: 'FAILED' })]);
});

describe('a request older than its ServiceTimeout', () => {
  const sentAgo = (seconds: number) => {
    const date = new Date(Date.now() - seconds * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');
    return { ...event, ResponseURL: `https://example.invalid/response?X-Amz-Date=${date}&X-Amz-Signature=s`, ResourceProperties: { ...event.ResourceProperties, ServiceTimeout: '300' } };
  };

  test('makes nothing: CloudFormation has given up on it', async () => {
    const create = jest.fn();
    const e = edges({ create });

    await handleEvent(sentAgo(301), context(), e.value);

    expect(create).not.toHaveBeenCalled();
    expect(e.answers).toEqual([
      expect.objectContaining({ Status: 'FAILED', PhysicalResourceId: `${FAILED_CREATE_PREFIX}request-1`, Reason: expect.stringMatching(/^Instance: CloudFormation sent this request 30\d s ago, past its ServiceTimeout of 300 s; nothing more was done$/) }),
    ]);
  });

  test('counts its time from when CloudFormation sent it, not from when Lambda ran it', async () => {
    const e = edges({ create: () => new Promise(() => undefined) }); // a create that never answers
    const started = Date.now();

    // 288 s in the queue leave 12 s of the ServiceTimeout, less the 10 s kept for answering.
    await handleEvent(sentAgo(288), context(), e.value);

    expect(Date.now() - started).toBeLessThan(4_000);
    expect(e.answers).toEqual([expect.objectContaining({ Status: 'FAILED', Reason: expect.stringContaining('before CloudFormation\'s ServiceTimeout') })]);
  });
});
