/**
 * Custom::ConnectContactEvaluation — an evaluation of one contact against an evaluation form.
 *
 * Create: StartContactEvaluation with the client token; then, if the template holds answers or
 *   notes, UpdateContactEvaluation; then, with Submit, SubmitContactEvaluation.
 *   Documented: StartContactEvaluation takes an idempotency ClientToken and uses the form's
 *   activated version (no activated version: no evaluation); UpdateContactEvaluation needs a
 *   DRAFT evaluation and merges the answers and notes it is given into the existing ones;
 *   SubmitContactEvaluation merges too, and on an evaluation already submitted it resubmits.
 *   Assumed: a repeated StartContactEvaluation with the same token answers with the same
 *   evaluation; a form without an activated version is refused with ResourceConflictException.
 *   A repeated Create (Lambda or CloudFormation retry) therefore finds the same evaluation and
 *   reads its status first: a draft gets the answers again (harmless: they merge) and is
 *   submitted; one already submitted is left alone, so it is never submitted twice.
 * Update in place: tags (TagResource / UntagResource on the evaluation ARN); answers and notes,
 *   as the difference to the previous template (a removed answer or note is sent as {}, which
 *   deletes it: documented) — with UpdateContactEvaluation while the evaluation is a draft, with
 *   SubmitContactEvaluation (a resubmission) once it is not; Submit turning true submits a draft.
 *   A submitted evaluation cannot return to draft: Submit turning false leaves it submitted.
 * Delete: DeleteContactEvaluation.
 * Ownership: the ownership tag, set by StartContactEvaluation's Tags, read back with
 *   DescribeContactEvaluation.
 */
import {
  ConnectClient,
  DeleteContactEvaluationCommand,
  DescribeContactEvaluationCommand,
  StartContactEvaluationCommand,
  SubmitContactEvaluationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateContactEvaluationCommand,
} from '@aws-sdk/client-connect';
import { CONNECT_CONTACT_EVALUATION, evaluationFormIdOf, type EvaluationAnswers, type EvaluationNotes } from '../../contract';
import { cachedClient, sdkConfig } from '../aws-clients';
import { describeError, isRetryable, ResourceFailedError } from '../errors';
import type { Logger } from '../log';
import { carriesOwnerTag } from '../ownership';
import type { Outcome, ResourceModule } from '../resource-module';
import { updateTags } from './tags';

const connect = () => cachedClient('connect', () => new ConnectClient(sdkConfig()));

/** Answers or notes to merge in, by reference id: an entry of {} deletes one (documented). */
type Changes<E> = Record<string, Partial<E>>;

const contactEvaluation: ResourceModule<typeof CONNECT_CONTACT_EVALUATION> = {
  spec: CONNECT_CONTACT_EVALUATION,

  async create({ properties: props, context: ctx }) {
    const instanceId = props.InstanceId;
    const formId = evaluationFormIdOf(props.EvaluationFormId);
    let started;
    try {
      started = await connect().send(
        new StartContactEvaluationCommand({
          InstanceId: instanceId,
          ContactId: props.ContactId,
          EvaluationFormId: formId,
          AutoEvaluationConfiguration: props.AutoEvaluationConfiguration,
          ClientToken: ctx.clientToken,
          Tags: props.Tags,
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ResourceConflictException') {
        throw new ResourceFailedError(
          `EvaluationFormId (evaluationForm): Connect cannot start an evaluation with form ${formId}: the form must be activated ` +
            `(have an activated version) first — activate it with ActivateEvaluationForm, or give the CfnEvaluationForm Status ACTIVE. ` +
            `The service said: ${describeError(error, true)}`,
        );
      }
      throw error;
    }
    const { EvaluationId: id, EvaluationArn: arn } = started;
    if (!id || !arn) throw new Error('StartContactEvaluation answered without an EvaluationId and EvaluationArn');

    const answers = props.Answers;
    const notes = props.Notes;
    if (answers || notes || props.Submit === true) {
      // From here on the evaluation exists: a failure answers its id, so the rollback deletes it.
      try {
        const status = await statusOf(instanceId, id);
        if (status === 'DRAFT') {
          await fill(instanceId, id, { status, answers: answers ?? {}, notes: notes ?? {}, submit: props.Submit === true }, ctx.log);
        } else {
          ctx.log.info('evaluation already filled and submitted by an earlier delivery of this event', { physicalId: id, status });
        }
      } catch (error) {
        // Throttling and transient faults stay as they are: the lifecycle runs the create again,
        // which the client token makes hand back this evaluation, and the fill goes on from its status.
        if (isRetryable(error)) throw error;
        throw new ResourceFailedError(`evaluation ${id} was started, but filling in or submitting it failed: ${describeError(error, true)}`, id);
      }
    }
    return outcome(id, arn);
  },

  // Documented: DescribeContactEvaluation returns the evaluation's Tags.
  async owns({ properties: props, physicalResourceId: evaluationId, context }) {
    const { Evaluation: evaluation } = await connect().send(new DescribeContactEvaluationCommand({ InstanceId: props.InstanceId, EvaluationId: evaluationId }));
    return carriesOwnerTag(evaluation?.Tags, context.event);
  },

  async update({ properties: props, oldProperties: oldProps, physicalResourceId: evaluationId, context: ctx }) {
    const instanceId = props.InstanceId;
    const { Evaluation: evaluation } = await connect().send(new DescribeContactEvaluationCommand({ InstanceId: instanceId, EvaluationId: evaluationId }));
    if (!evaluation?.EvaluationArn || !evaluation.Status) throw new Error(`DescribeContactEvaluation answered without the Arn and Status of ${evaluationId}`);

    const resourceArn = evaluation.EvaluationArn;
    await updateTags(oldProps.Tags, props.Tags, {
      untag: (tagKeys) => connect().send(new UntagResourceCommand({ resourceArn, tagKeys })),
      tag: (tags) => connect().send(new TagResourceCommand({ resourceArn, tags })),
    });

    await fill(
      instanceId,
      evaluationId,
      {
        status: evaluation.Status,
        answers: entryChanges(oldProps.Answers, props.Answers),
        notes: entryChanges(oldProps.Notes, props.Notes),
        submit: props.Submit === true,
      },
      ctx.log,
    );
    if (oldProps.Submit === true && props.Submit !== true && evaluation.Status !== 'DRAFT') {
      ctx.log.info('a submitted evaluation cannot return to draft; it stays submitted', { physicalId: evaluationId, status: evaluation.Status });
    }
    return outcome(evaluationId, evaluation.EvaluationArn);
  },

  async delete({ properties, physicalResourceId }) {
    await connect().send(new DeleteContactEvaluationCommand({ InstanceId: properties.InstanceId, EvaluationId: physicalResourceId }));
  },
};

/** What to write into an evaluation, given its current status. */
interface Fill {
  readonly status: string;
  /** Answers and notes to merge in ({} deletes one). */
  readonly answers: Changes<EvaluationAnswers[string]>;
  readonly notes: Changes<EvaluationNotes[string]>;
  readonly submit: boolean;
}

/**
 * Writes answers and notes and submits, as the evaluation's status allows: a draft is updated
 * (UpdateContactEvaluation), then submitted if asked; an evaluation no longer in draft can only
 * take changes through a resubmission (SubmitContactEvaluation merges them: documented).
 */
async function fill(instanceId: string, evaluationId: string, what: Fill, log: Logger): Promise<void> {
  const target = { InstanceId: instanceId, EvaluationId: evaluationId };
  const changes = {
    Answers: Object.keys(what.answers).length > 0 ? what.answers : undefined,
    Notes: Object.keys(what.notes).length > 0 ? what.notes : undefined,
  };
  const changed = changes.Answers !== undefined || changes.Notes !== undefined;
  if (what.status === 'DRAFT') {
    if (changed) await connect().send(new UpdateContactEvaluationCommand({ ...target, ...changes }));
    if (what.submit) await connect().send(new SubmitContactEvaluationCommand(target));
  } else if (changed) {
    log.info('resubmitting the evaluation with the changed answers and notes', { physicalId: evaluationId, status: what.status });
    await connect().send(new SubmitContactEvaluationCommand({ ...target, ...changes }));
  }
}

async function statusOf(instanceId: string, evaluationId: string): Promise<string | undefined> {
  const { Evaluation: evaluation } = await connect().send(new DescribeContactEvaluationCommand({ InstanceId: instanceId, EvaluationId: evaluationId }));
  return evaluation?.Status;
}

/**
 * The entries of a reference-id map (answers or notes) to send so that `before` becomes `after`:
 * new and changed entries, and {} for each removed one.
 */
function entryChanges<E extends object>(before: Readonly<Record<string, E>> | undefined, after: Readonly<Record<string, E>> | undefined): Changes<E> {
  const old = before ?? {};
  const now = after ?? {};
  const result: Changes<E> = {};
  for (const [refId, entry] of Object.entries(now)) {
    if (JSON.stringify(entry) !== JSON.stringify(old[refId])) result[refId] = entry;
  }
  for (const refId of Object.keys(old)) {
    if (!(refId in now)) result[refId] = {};
  }
  return result;
}

function outcome(id: string, arn: string): Outcome {
  return { physicalResourceId: id, data: { EvaluationId: id, EvaluationArn: arn } };
}

export default contactEvaluation;
