/** The pure steps of the handler, one by one. */
import { checkProperties, CONNECT_INSTANCE, coerce, CONNECT_TAGS, integer, OWNER_TAG_KEY, ruleViolation } from '../src/contract';
import { backoffDelay, MAX_ATTEMPTS } from '../src/handler/retry';
import { CfnEvent, responseBody } from '../src/handler/cfn-response';
import { deriveClientToken } from '../src/handler/client-token';
import { responseUrlProblem } from '../src/handler/intake';
import { pollDelay, sentAt } from '../src/handler/waiter';
import { tagChanges } from '../src/handler/resources/tags';

const event: CfnEvent = {
  RequestType: 'Create',
  ServiceToken: 'arn:aws:lambda:us-west-2:111122223333:function:f',
  ResponseURL: 'https://example.invalid/x',
  StackId: 'arn:aws:cloudformation:us-west-2:111122223333:stack/S/1b2c',
  RequestId: 'r-1',
  LogicalResourceId: 'Instance',
  ResourceType: 'Custom::ConnectInstance',
  ResourceProperties: { InstanceAlias: 'a', InboundCallsEnabled: 'true' },
};

describe('client tokens', () => {
  test('are 64 hex characters and the same for every delivery of one request', () => {
    const token = deriveClientToken(event);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(deriveClientToken({ ...event, ResourceProperties: { ...event.ResourceProperties, InboundCallsEnabled: 'false' } })).toBe(token);
  });

  test('differ by stack, logical id and request: a re-added resource is a new request', () => {
    const token = deriveClientToken(event);
    const variants = [
      deriveClientToken({ ...event, StackId: `${event.StackId}x` }),
      deriveClientToken({ ...event, LogicalResourceId: 'Other' }),
      deriveClientToken({ ...event, RequestId: 'r-2' }),
    ];
    expect(new Set([token, ...variants]).size).toBe(4);
  });
});

describe('the response body', () => {
  test('carries the protocol fields', () => {
    expect(JSON.parse(responseBody(event, { Status: 'SUCCESS', PhysicalResourceId: 'p', Data: { Id: 'p' } }))).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'p',
      StackId: event.StackId,
      RequestId: 'r-1',
      LogicalResourceId: 'Instance',
      NoEcho: false,
      Data: { Id: 'p' },
    });
  });

  test('shortens an over-long Reason to fit CloudFormation’s 4 KiB limit', () => {
    const body = responseBody(event, { Status: 'FAILED', PhysicalResourceId: 'p', Reason: 'x'.repeat(10_000) });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(4096);
    expect(JSON.parse(body).Reason).toMatch(/^x+ \[truncated\]$/);
  });

  test('fits 4096 bytes whatever the sizes: long ids, multi-byte and escaped reasons, large attributes', () => {
    const long = { ...event, StackId: 's'.repeat(100_000), LogicalResourceId: 'l'.repeat(100_000), RequestId: 'r'.repeat(100_000) };
    const answers = [
      { Status: 'FAILED' as const, PhysicalResourceId: 'p'.repeat(5_000), Reason: 'x'.repeat(5_000) },
      { Status: 'FAILED' as const, PhysicalResourceId: 'p', Reason: 'é€😀'.repeat(3_000) },
      { Status: 'FAILED' as const, PhysicalResourceId: 'p', Reason: '"\n\u0001'.repeat(3_000) },
      { Status: 'SUCCESS' as const, PhysicalResourceId: 'p'.repeat(5_000), Data: { Arn: 'a'.repeat(3_000) } },
    ];
    for (const e of [event, long]) {
      for (const answer of answers) expect(Buffer.byteLength(responseBody(e, answer))).toBeLessThanOrEqual(4096);
    }
  });

  test('attributes that do not fit turn the answer into FAILED that still names the resource', () => {
    const body = JSON.parse(responseBody(event, { Status: 'SUCCESS', PhysicalResourceId: 'i-1', Data: { Arn: 'a'.repeat(5_000) } }));
    expect(body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'i-1' });
    expect(body.Data).toBeUndefined();
    expect(body.Reason).toMatch(/^Instance: the resource's attributes \(\d+ bytes\) do not fit/);
  });
});

describe('ResponseURLs', () => {
  const extra = '127.0.0.1:8080,responses.internal:8443';
  test.each([
    ['https://cloudformation-custom-resource-response-uswest2.s3-us-west-2.amazonaws.com/x?sig', true],
    ['https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn/x', true],
    ['http://127.0.0.1:8080/x', true],
    ['https://responses.internal:8443/x', true],
    ['http://responses.internal:8443/x', false],
    ['http://127.0.0.1:8081/x', false],
    ['https://amazonaws.com/x', false],
    ['https://evilamazonaws.com/x', false],
    ['https://x.amazonaws.com.evil.example/x', false],
    ['https://x.amazonaws.com:444/x', false],
    ['http://x.amazonaws.com/x', false],
    ['https://u:p@x.amazonaws.com/x', false],
  ])('%s accepted: %s', (url, accepted) => {
    expect(responseUrlProblem(url, extra) === undefined).toBe(accepted);
  });

  test('a refusal never repeats the query string', () => {
    expect(responseUrlProblem('https://attacker.example/x?X-Amz-Signature=secret', undefined)).not.toContain('secret');
  });
});

describe('timing', () => {
  test('readiness checks start at 2 s and never exceed 3 s apart', () => {
    const delays = Array.from({ length: 10 }, (_, n) => pollDelay(n));
    expect(delays[0]).toBe(2_000);
    expect(Math.max(...delays)).toBe(3_000);
  });

  test('throttled and transient retries back off with full jitter from 1 s, growing by half to at most 8 s', () => {
    expect(backoffDelay(1, () => 0)).toBe(0);
    expect(backoffDelay(1, () => 0.999)).toBeLessThan(1_000);
    expect(backoffDelay(2, () => 0.999)).toBeGreaterThan(1_450);
    expect(backoffDelay(2, () => 0.999)).toBeLessThan(1_500);
    expect(backoffDelay(20, () => 0.999)).toBeLessThan(8_000);
    expect(backoffDelay(20, () => 0.999)).toBeGreaterThan(7_900);
    expect(MAX_ATTEMPTS).toBe(3);
  });
});

describe('when CloudFormation sent the request', () => {
  const url = (date: string) => `https://cloudformation-custom-resource-response-uswest2.s3.us-west-2.amazonaws.com/x?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}&X-Amz-Expires=7200&X-Amz-Signature=abc`;
  const now = Date.UTC(2026, 11, 5, 12, 0, 0);

  test("is the ResponseURL's signing time", () => {
    expect(sentAt(url('20261205T115500Z'), now)).toBe(Date.UTC(2026, 11, 5, 11, 55, 0));
  });

  test('is unknown without a well-formed signing time, or with one to come', () => {
    for (const date of ['', '2026-12-05T11:55:00Z', '20261205T115500', '20261305T115500Z', '20261205T246000Z', '20261205T120100Z']) {
      expect(sentAt(url(date), now)).toBeUndefined();
    }
    expect(sentAt('https://example.amazonaws.com/x?Expires=99999999999&Signature=abc', now)).toBeUndefined();
    expect(sentAt('https://example.amazonaws.com/x?Expires=-1&Signature=abc', now)).toBeUndefined();
    expect(sentAt('not a url', now)).toBeUndefined();
  });

  test('is two hours before the Expires of a Signature Version 2 URL', () => {
    const v2 = 'https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/x?AWSAccessKeyId=AKIAEXAMPLE&Expires=1510162268&Signature=abc';
    expect(sentAt(v2, now)).toBe((1510162268 - 7200) * 1000);
  });
});

describe('the constraint table', () => {
  test('coerces what CloudFormation delivers as strings', () => {
    expect(checkProperties(CONNECT_INSTANCE, { IdentityManagementType: 'SAML', InboundCallsEnabled: 'true', OutboundCallsEnabled: 'false' })).toEqual({
      values: { IdentityManagementType: 'SAML', InboundCallsEnabled: true, OutboundCallsEnabled: false },
      problems: [],
    });
  });

  test('reads whole numbers beyond 2^53 exactly', () => {
    const rule = integer(1n, 9223372036854775807n);
    expect(coerce(rule, '9223372036854775807')).toBe(9223372036854775807n);
    expect(ruleViolation(rule, coerce(rule, '9223372036854775808'))).toMatch(/must be a whole number from 1 to 9223372036854775807/);
    expect(ruleViolation(rule, coerce(rule, '1.5'))).toMatch(/got "1.5"/);
  });

  test('reports missing required properties', () => {
    expect(checkProperties(CONNECT_INSTANCE, {}, { templateNames: true }).problems).toEqual([
      'IdentityManagementType (identityManagement) is required',
      'InboundCallsEnabled (inboundCallsEnabled) is required',
      'OutboundCallsEnabled (outboundCallsEnabled) is required',
    ]);
  });

  test('checks tag maps', () => {
    expect(ruleViolation(CONNECT_TAGS, { a: 'b' })).toBeUndefined();
    expect(ruleViolation(CONNECT_TAGS, ['a'])).toMatch(/must be a map/);
  });
});

test('tag changes: what to set and what to remove', () => {
  expect(tagChanges({ a: '1', b: '2', c: '3' }, { a: '1', b: '20', d: '4' })).toEqual({ set: { b: '20', d: '4' }, removed: ['c'] });
  expect(tagChanges(undefined, undefined)).toEqual({ set: {}, removed: [] });
});

test('tag changes never set or remove the ownership tag, whichever side holds it', () => {
  expect(tagChanges({ team: 'a', [OWNER_TAG_KEY]: 'stack/Instance' }, { team: 'a' })).toEqual({ set: {}, removed: [] });
  expect(tagChanges({ team: 'a' }, { team: 'b', [OWNER_TAG_KEY]: 'other/Instance' })).toEqual({ set: { team: 'b' }, removed: [] });
  expect(tagChanges({ [OWNER_TAG_KEY]: 'stack/Instance' }, { [OWNER_TAG_KEY]: 'other/Instance' })).toEqual({ set: {}, removed: [] });
});
