/**
 * Hundreds of cases created at once: 200 concurrent Case creates — one handler process each, as
 * Lambda runs them — against a Cases fake that allows 10 CreateCase calls per second and answers
 * ThrottlingException beyond. Every one must succeed, exactly once.
 */
import { CloudFormation } from './support/cloudformation';
import { FakeAws } from './support/fake-aws';
import { FakeCases } from './support/fake-cases';
import { ACCOUNT, REGION } from './support/fake-connect';

const BURST = 200;
const RATE_PER_SECOND = 10;
const DOMAIN = '0e6f2c1a-7d4b-4c55-9a61-5b1f0c2d3e4f';
const TEMPLATE = 'b3c9e1d2-aaaa-4bbb-8ccc-111122223333';
const PROFILE = `arn:aws:profile:${REGION}:${ACCOUNT}:domains/support-customers/profiles/3f1e2d3c4b5a`;

let aws: FakeAws;
let cases: FakeCases;

beforeAll(async () => {
  aws = await FakeAws.start();
  cases = new FakeCases(aws);
  cases.addDomain(DOMAIN, TEMPLATE);
  aws.rateLimits.set('CreateCase', RATE_PER_SECOND);
});
afterAll(() => aws.close());

test(`${BURST} concurrent Case creates under a ${RATE_PER_SECOND}/s throttle all succeed, with exactly ${BURST} cases`, async () => {
  const cfn = new CloudFormation(aws);
  const events = Array.from({ length: BURST }, (_, i) =>
    cfn.createEvent(`Case${i}`, 'Custom::ConnectCase', {
      ServiceTimeout: 600,
      DomainId: DOMAIN,
      TemplateId: TEMPLATE,
      Fields: [
        { Id: 'title', Value: { StringValue: `Refund ${i}` } },
        { Id: 'customer_id', Value: { StringValue: PROFILE } },
      ],
    }),
  );
  const started = Date.now();

  const deliveries = await Promise.all(events.map((event) => cfn.deliver(event)));

  const seconds = (Date.now() - started) / 1000;
  const calls = aws.count('CreateCase');
  const answers = deliveries.map((d) => d.answer); // throws unless each event got exactly one answer
  expect(answers.filter((a) => a.Status !== 'SUCCESS')).toEqual([]);
  expect(new Set(answers.map((a) => a.PhysicalResourceId)).size).toBe(BURST);
  expect(cases.cases.size).toBe(BURST); // no duplicates: one case per client token
  expect(calls).toBeGreaterThan(BURST); // the limit was reached and ridden out
  console.log(
    `burst: ${BURST} cases in ${seconds.toFixed(1)} s (${(BURST / seconds).toFixed(1)}/s against a ${RATE_PER_SECOND}/s limit), ` +
      `${calls} CreateCase calls, ${calls - BURST} of them throttled, ${deliveries.reduce((n, d) => n + d.invocations, 0)} invocations`,
  );
}, 600_000);
