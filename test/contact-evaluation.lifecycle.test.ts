/**
 * ContactEvaluation through the whole CloudFormation lifecycle: the built handler bundle, real SDK
 * clients, a loopback fake of Connect's contact evaluations, events with properties as
 * CloudFormation delivers them (every scalar a string, nested ones too).
 */
import { CloudFormation } from './support/cloudformation';
import { OWNER_TAG_KEY, WITHHELD } from '../src/contract';
import { FakeAws } from './support/fake-aws';
import { LifecycleDriver } from './support/lifecycle';
import { ACCOUNT, REGION } from './support/fake-connect';
import { FakeEvaluation, FakeEvaluations } from './support/fake-evaluations';

const TYPE = 'Custom::ConnectContactEvaluation';
const INSTANCE_ID = '0f5c3b1e-aaaa-bbbb-cccc-1234567890ab';
const FORM_ID = '9d3c6f0a-1111-2222-3333-444455556666';
const DRAFT_FORM_ID = '9d3c6f0a-7777-8888-9999-000011112222';
const formArn = (formId: string, instanceId = INSTANCE_ID) => `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${instanceId}/evaluation-form/${formId}`;

const PROPS = {
  ServiceTimeout: 600,
  InstanceId: INSTANCE_ID,
  ContactId: 'c0ffee00-1234-4abc-8def-0123456789ab',
  EvaluationFormId: formArn(FORM_ID),
  Tags: { team: 'quality' },
};
const ANSWERS = {
  greeting: { Value: { StringValue: 'yes' } },
  score: { Value: { NumericValue: 4.5 } },
  ticket: { Value: { StringValue: '42' } },
  topics: { Value: { StringValues: ['billing', 'refund'] } },
  followUp: { Value: { DateTimeValue: '2026-11-02T09:30:00Z' } },
  escalation: { Value: { NotApplicable: true } },
};
const NOTES = { opening: { Value: 'Warm and clear.' } };

let aws: FakeAws;
let evaluations: FakeEvaluations;
let cfn: CloudFormation;
const driver = new LifecycleDriver(() => cfn, 'Evaluation', TYPE);

beforeAll(async () => {
  aws = await FakeAws.start();
  evaluations = new FakeEvaluations(aws);
  evaluations.forms.set(FORM_ID, { active: true, items: ['opening', ...Object.keys(ANSWERS), 'closing'] });
  evaluations.forms.set(DRAFT_FORM_ID, { active: false });
});
afterAll(() => aws.close());
beforeEach(() => {
  cfn = new CloudFormation(aws); // a new stack per test: its own client tokens
});

const deliver = driver.deliver.bind(driver);

async function created(props: Record<string, unknown> = PROPS): Promise<FakeEvaluation> {
  return evaluations.evaluations.get(await driver.created(props))!;
}

/** The operations the handler called for one evaluation since `from` (Start is matched by its token). */
function operationsOn(evaluation: FakeEvaluation, from = 0): string[] {
  return aws.calls
    .slice(from)
    .filter((c) => c.params.EvaluationId === evaluation.EvaluationId || c.body?.ClientToken === evaluation.request.ClientToken || c.params.resourceArn === evaluation.EvaluationArn)
    .map((c) => c.operation);
}

test('Create starts an evaluation with the form id taken from the ARN and answers with its id and ARN', async () => {
  const before = evaluations.evaluations.size;

  const { answer } = await deliver(cfn.createEvent('Evaluation', TYPE, { ...PROPS, AutoEvaluationConfiguration: { Enabled: false } }));

  expect(answer).toMatchObject({ Status: 'SUCCESS', LogicalResourceId: 'Evaluation', StackId: cfn.stackId });
  const evaluation = evaluations.evaluations.get(answer.PhysicalResourceId)!;
  expect(answer.Data).toEqual({ EvaluationId: evaluation.EvaluationId, EvaluationArn: evaluation.EvaluationArn });
  expect(evaluations.evaluations.size - before).toBe(1);
  // Delivered as strings, sent as the API's types; the ARN reduced to the form id.
  expect(evaluation.request).toEqual({
    ClientToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    ContactId: PROPS.ContactId,
    EvaluationFormId: FORM_ID,
    AutoEvaluationConfiguration: { Enabled: false },
    Tags: { team: 'quality', [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Evaluation` },
  });
  // Nothing to fill in: one call.
  expect(operationsOn(evaluation)).toEqual(['StartContactEvaluation']);
  expect(evaluation.Status).toBe('DRAFT');
});

test('the same Create delivered twice makes one evaluation with the same physical id', async () => {
  const event = cfn.createEvent('Evaluation', TYPE, PROPS);
  const before = evaluations.evaluations.size;

  const first = await deliver(event);
  aws.answers.delete(event.RequestId);
  const second = await deliver(event);

  expect(second.answer.PhysicalResourceId).toBe(first.answer.PhysicalResourceId);
  expect(evaluations.evaluations.size - before).toBe(1);
});

test('SDK retries after an internal error and throttling make one evaluation', async () => {
  const starts = aws.count('StartContactEvaluation');
  const before = evaluations.evaluations.size;
  aws.inject('StartContactEvaluation', '500', 'throttle');

  const { answer } = await deliver(cfn.createEvent('Evaluation', TYPE, PROPS));

  expect(answer.Status).toBe('SUCCESS');
  expect(aws.count('StartContactEvaluation') - starts).toBe(3);
  expect(evaluations.evaluations.size - before).toBe(1);
});

test('a connection dropped after the evaluation was started is retried with the same token: one evaluation', async () => {
  const starts = aws.count('StartContactEvaluation');
  const before = evaluations.evaluations.size;
  aws.inject('StartContactEvaluation', 'reset-after');

  const { answer } = await deliver(cfn.createEvent('Evaluation', TYPE, PROPS));

  expect(answer.Status).toBe('SUCCESS');
  expect(aws.count('StartContactEvaluation') - starts).toBe(2);
  expect(evaluations.evaluations.size - before).toBe(1);
  expect(evaluations.evaluations.has(answer.PhysicalResourceId)).toBe(true);
});

test('a form without an activated version answers FAILED saying the form must be activated; the rollback deletes nothing', async () => {
  const before = evaluations.evaluations.size;
  const props = { ...PROPS, EvaluationFormId: DRAFT_FORM_ID };

  const { answer } = await deliver(cfn.createEvent('Evaluation', TYPE, props));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toMatch(
    new RegExp(`^Evaluation: EvaluationFormId \\(evaluationForm\\): Connect cannot start an evaluation with form ${DRAFT_FORM_ID}: the form must be activated`),
  );
  expect(answer.Reason).toContain('ActivateEvaluationForm');
  expect(answer.Reason).toContain('ResourceConflictException');
  expect(evaluations.evaluations.size).toBe(before);

  const deletes = aws.count('DeleteContactEvaluation');
  const rollback = await deliver(cfn.deleteEvent('Evaluation', TYPE, answer.PhysicalResourceId, props));
  expect(rollback.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: answer.PhysicalResourceId });
  expect(aws.count('DeleteContactEvaluation')).toBe(deletes);
});

test('answers and notes are written, then the evaluation is submitted, in that order and with the API types', async () => {
  const evaluation = await created({ ...PROPS, Answers: ANSWERS, Notes: NOTES, Submit: true });

  expect(operationsOn(evaluation)).toEqual(['StartContactEvaluation', 'DescribeContactEvaluation', 'UpdateContactEvaluation', 'SubmitContactEvaluation']);
  // "4.5" and "true" arrived as strings; the StringValue "42" stays a string.
  expect(evaluation.Answers).toEqual(ANSWERS);
  expect(evaluation.Notes).toEqual(NOTES);
  expect(evaluation.Status).toBe('SUBMITTED');
  expect(evaluation.submissions).toBe(1);
});

test('a handler that dies right after submitting is run again without submitting twice', async () => {
  const event = cfn.createEvent('Evaluation', TYPE, { ...PROPS, Answers: ANSWERS, Submit: true });
  aws.inject('SubmitContactEvaluation', 'crash-after');

  const crashed = await deliver(event, { crashable: true });
  expect(crashed.answers).toHaveLength(0);
  const again = await deliver(event);

  const evaluation = evaluations.evaluations.get(again.answer.PhysicalResourceId)!;
  expect(again.answer.Status).toBe('SUCCESS');
  expect(evaluation.submissions).toBe(1);
  expect(evaluation.Answers).toEqual(ANSWERS);
  expect(operationsOn(evaluation)).toEqual([
    ...['StartContactEvaluation', 'DescribeContactEvaluation', 'UpdateContactEvaluation', 'SubmitContactEvaluation'],
    // The second run finds the evaluation submitted and leaves it alone.
    ...['StartContactEvaluation', 'DescribeContactEvaluation'],
  ]);
});

test('a failure after the evaluation was started answers its id, and the rollback deletes it', async () => {
  const props = { ...PROPS, Answers: { nosuchquestion: { Value: { StringValue: 'x' } } } };

  const { answer } = await deliver(cfn.createEvent('Evaluation', TYPE, props));

  expect(answer.Status).toBe('FAILED');
  const evaluation = evaluations.evaluations.get(answer.PhysicalResourceId)!;
  expect(evaluation.deleted).toBe(false);
  expect(answer.Reason).toBe(
    // Connect may repeat answers and notes in its messages: only the error's type and status are shown.
    `Evaluation: evaluation ${evaluation.EvaluationId} was started, but filling in or submitting it failed: InvalidParameterException (HTTP 400; the service's message is not shown: it may repeat customer data)`,
  );

  const rollback = await deliver(cfn.deleteEvent('Evaluation', TYPE, answer.PhysicalResourceId, props));
  expect(rollback.answer.Status).toBe('SUCCESS');
  expect(evaluation.deleted).toBe(true);
});

test('a tags-only update changes the tags in place', async () => {
  const evaluation = await created({ ...PROPS, Tags: { team: 'quality', cost: '42' } });
  const from = aws.calls.length;

  const { answer } = await deliver(
    cfn.updateEvent('Evaluation', TYPE, evaluation.EvaluationId, { ...PROPS, Tags: { team: 'billing' } }, { ...PROPS, Tags: { team: 'quality', cost: '42' } }),
  );

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: evaluation.EvaluationId, Data: { EvaluationArn: evaluation.EvaluationArn } });
  expect(evaluation.Tags).toEqual({ team: 'billing', [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Evaluation` });
  // The first Describe confirms the ownership tag.
  expect(operationsOn(evaluation, from)).toEqual(['DescribeContactEvaluation', 'DescribeContactEvaluation', 'UntagResource', 'TagResource']);
});

test('tags cannot take the ownership tag away: an Update whose old tags held it keeps it, and the stack can still delete its evaluation', async () => {
  const evaluation = await created();
  const owner = { [OWNER_TAG_KEY]: `${cfn.stackId.split('/').pop()}/Evaluation` };
  const untags = aws.count('UntagResource');

  const { answer } = await deliver(cfn.updateEvent('Evaluation', TYPE, evaluation.EvaluationId, PROPS, { ...PROPS, Tags: { ...PROPS.Tags, ...owner } }));

  expect(answer.Status).toBe('SUCCESS');
  expect(evaluation.Tags).toEqual({ team: 'quality', ...owner });
  expect(aws.count('UntagResource')).toBe(untags);
  const deletes = aws.count('DeleteContactEvaluation');
  const { answer: deleted } = await deliver(cfn.deleteEvent('Evaluation', TYPE, evaluation.EvaluationId, PROPS));
  expect(deleted.Status).toBe('SUCCESS');
  expect(aws.count('DeleteContactEvaluation')).toBe(deletes + 1);
});

test('answer and note changes of a draft are written in place; removed ones are deleted', async () => {
  const old = { ...PROPS, Answers: { greeting: ANSWERS.greeting, score: ANSWERS.score }, Notes: NOTES };
  const evaluation = await created(old);
  const updates = aws.count('UpdateContactEvaluation');
  const props = { ...PROPS, Answers: { greeting: { Value: { StringValue: 'no' } }, escalation: ANSWERS.escalation }, Notes: { closing: { Value: 'Abrupt.' } } };

  const { answer } = await deliver(cfn.updateEvent('Evaluation', TYPE, evaluation.EvaluationId, props, old));

  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: evaluation.EvaluationId });
  expect(evaluation.Answers).toEqual(props.Answers);
  expect(evaluation.Notes).toEqual(props.Notes);
  expect(evaluation.Status).toBe('DRAFT');
  expect(aws.count('UpdateContactEvaluation') - updates).toBe(1);
  // Only the difference is sent: the changed and new entries, and {} for the removed ones.
  const update = aws.calls.filter((c) => c.operation === 'UpdateContactEvaluation').pop()!;
  expect(update.body).toEqual({
    Answers: { greeting: { Value: { StringValue: 'no' } }, escalation: { Value: { NotApplicable: true } }, score: {} },
    Notes: { closing: { Value: 'Abrupt.' }, opening: {} },
  });
});

test('answer changes after submission resubmit the evaluation with the changes', async () => {
  const old = { ...PROPS, Answers: { greeting: ANSWERS.greeting }, Submit: true };
  const evaluation = await created(old);
  const from = aws.calls.length;
  const props = { ...old, Answers: { greeting: { Value: { StringValue: 'no' } } } };

  const { answer } = await deliver(cfn.updateEvent('Evaluation', TYPE, evaluation.EvaluationId, props, old));

  expect(answer.Status).toBe('SUCCESS');
  expect(operationsOn(evaluation, from)).toEqual(['DescribeContactEvaluation', 'DescribeContactEvaluation', 'SubmitContactEvaluation']);
  expect(evaluation.submissions).toBe(2);
  expect(evaluation.Answers).toEqual(props.Answers);
});

test('turning submit on submits the draft in place; turning it off again leaves it submitted', async () => {
  const evaluation = await created({ ...PROPS, Answers: { greeting: ANSWERS.greeting } });
  const draft = { ...PROPS, Answers: { greeting: ANSWERS.greeting } };
  const submitted = { ...draft, Submit: true };

  const on = await deliver(cfn.updateEvent('Evaluation', TYPE, evaluation.EvaluationId, submitted, draft));
  expect(on.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: evaluation.EvaluationId });
  expect(evaluation.Status).toBe('SUBMITTED');
  expect(evaluation.submissions).toBe(1);

  const off = await deliver(cfn.updateEvent('Evaluation', TYPE, evaluation.EvaluationId, { ...draft, Submit: false }, submitted));
  expect(off.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: evaluation.EvaluationId });
  expect(evaluation.Status).toBe('SUBMITTED');
  expect(evaluation.submissions).toBe(1);
  expect(off.logs.join('\n')).toContain('a submitted evaluation cannot return to draft; it stays submitted');
});

test('a contact change creates a new evaluation; the cleanup Delete removes only the old one', async () => {
  const old = await created();
  const props = { ...PROPS, ContactId: 'c0ffee00-9999-4abc-8def-0123456789ab' };

  const { answer } = await deliver(cfn.updateEvent('Evaluation', TYPE, old.EvaluationId, props, PROPS));
  const replacement = evaluations.evaluations.get(answer.PhysicalResourceId)!;

  expect(answer.Status).toBe('SUCCESS');
  expect(replacement.EvaluationId).not.toBe(old.EvaluationId);
  expect(replacement.request.ContactId).toBe(props.ContactId);
  expect(replacement.request.ClientToken).not.toBe(old.request.ClientToken);

  const cleanup = await deliver(cfn.deleteEvent('Evaluation', TYPE, old.EvaluationId, PROPS));

  expect(cleanup.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: old.EvaluationId });
  expect(old.deleted).toBe(true);
  expect(replacement.deleted).toBe(false);
});

test('Delete deletes the evaluation; deleting it again succeeds', async () => {
  const evaluation = await created();

  const { answer } = await deliver(cfn.deleteEvent('Evaluation', TYPE, evaluation.EvaluationId, PROPS));
  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: evaluation.EvaluationId });
  expect(evaluation.deleted).toBe(true);

  const again = await deliver(cfn.deleteEvent('Evaluation', TYPE, evaluation.EvaluationId, PROPS));
  expect(again.answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: evaluation.EvaluationId });
});

test('malformed properties answer FAILED naming each template property, and nothing is started', async () => {
  const starts = aws.count('StartContactEvaluation');

  const { answer } = await deliver(
    cfn.createEvent('Evaluation', TYPE, {
      ...PROPS,
      ContactId: 'c'.repeat(257),
      Answers: { score: { Value: { NumericValue: 'four' } } },
      AutoEvaluationConfiguration: { Enabled: 'sometimes' },
    }),
  );

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toMatch(/^Evaluation \(Custom::ConnectContactEvaluation\): /);
  expect(answer.Reason).toContain(`ContactId (contactId) must have at most 256 characters (got "${'c'.repeat(60)}...: 257 characters, at most 256)`);
  expect(answer.Reason).toContain(`Answers (answers) must have a finite number in plain decimal notation as NumericValue for "score" (got ${WITHHELD})`);
  expect(answer.Reason).toContain('AutoEvaluationConfiguration (autoEvaluationEnabled) must be {"Enabled": true or false} (got {"Enabled":"sometimes"})');
  expect(aws.count('StartContactEvaluation')).toBe(starts);
});

test('a date-and-time answer that is not in the calendar answers FAILED naming the question, not the value, and nothing is started', async () => {
  const starts = aws.count('StartContactEvaluation');

  const { answer } = await deliver(cfn.createEvent('Evaluation', TYPE, { ...PROPS, Answers: { followUp: { Value: { DateTimeValue: '2027-02-31T10:00:00Z' } }, greeting: { Value: { DateTimeValue: '2026-13-01T00:00:00Z' } } } }));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain(`Answers (answers) must have an ISO 8601 date and time that exists in the calendar as DateTimeValue, such as "2026-11-02T09:30:00Z", for "followUp" (got ${WITHHELD})`);
  expect(answer.Reason).toContain('for "greeting"');
  expect(answer.Reason).not.toMatch(/2027-02-31|2026-13-01/);
  expect(driver.logs()).not.toMatch(/2027-02-31|2026-13-01/);
  expect(aws.count('StartContactEvaluation')).toBe(starts);
});

test('a form ARN of another instance answers FAILED before anything is started', async () => {
  const starts = aws.count('StartContactEvaluation');

  const { answer } = await deliver(cfn.createEvent('Evaluation', TYPE, { ...PROPS, EvaluationFormId: formArn(FORM_ID, 'other-instance') }));

  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toBe(
    `Evaluation (Custom::ConnectContactEvaluation): evaluationForm must be a form of the evaluation's instance (the ARN names instance "other-instance", the instance id is "${INSTANCE_ID}")`,
  );
  expect(aws.count('StartContactEvaluation')).toBe(starts);
});

test('no log line holds the ResponseURL, a client token or an answer', () => {
  const tokens = [...evaluations.evaluations.values()].map((e) => e.request.ClientToken as string);
  expect(driver.logs()).not.toContain('Warm and clear.');
  driver.expectCleanLogs(tokens);
});
