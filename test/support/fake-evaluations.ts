/**
 * The contact evaluation operations of Amazon Connect, faked on a {@link FakeAws}: evaluations in
 * memory, client tokens honoured (same token, same evaluation), evaluation forms registered by the
 * tests with or without an activated version.
 *
 * What the service documents, the fake does: Start needs a form with an activated version; Update
 * needs a DRAFT; Update and Submit merge the answers and notes they are given ({} deletes one);
 * Submit of a submitted evaluation resubmits it. Error types where the documentation names none
 * are assumptions: ResourceConflictException (409) for a form without an activated version and
 * for an Update of an evaluation that is no longer a draft.
 */
import { randomUUID } from 'node:crypto';
import { AwsError, FakeAws } from './fake-aws';
import { ACCOUNT, REGION } from './fake-connect';

/** An evaluation form as the fake knows it. */
export interface FakeEvaluationForm {
  /** Whether a version of the form is activated (only then can evaluations start). */
  readonly active: boolean;
  /** The reference ids of its sections and questions; answers and notes for others are refused. */
  readonly items?: readonly string[];
}

export interface FakeEvaluation {
  readonly EvaluationId: string;
  readonly EvaluationArn: string;
  readonly InstanceId: string;
  /** The StartContactEvaluation request body. */
  readonly request: any;
  Status: 'DRAFT' | 'SUBMITTED';
  Answers: Record<string, any>;
  Notes: Record<string, any>;
  Tags: Record<string, string>;
  /** How many times it was submitted (resubmissions included). */
  submissions: number;
  deleted: boolean;
}

export class FakeEvaluations {
  /** Evaluations by id, deleted ones included (marked). */
  public readonly evaluations = new Map<string, FakeEvaluation>();
  /** Evaluation forms by id. */
  public readonly forms = new Map<string, FakeEvaluationForm>();

  private readonly tokens = new Map<string, string>();

  constructor(aws: FakeAws) {
    aws.route('PUT', '/contact-evaluations/{InstanceId}', 'StartContactEvaluation', (req) => this.start(req.params.InstanceId, req.body));
    aws.route('GET', '/contact-evaluations/{InstanceId}/{EvaluationId}', 'DescribeContactEvaluation', (req) => this.describe(this.find(req.params)));
    aws.route('POST', '/contact-evaluations/{InstanceId}/{EvaluationId}', 'UpdateContactEvaluation', (req) => {
      const evaluation = this.find(req.params);
      if (evaluation.Status !== 'DRAFT') {
        throw new AwsError('ResourceConflictException', `evaluation ${evaluation.EvaluationId} is ${evaluation.Status}; only a DRAFT can be updated`, 409);
      }
      this.merge(evaluation, req.body);
      return ids(evaluation);
    });
    aws.route('POST', '/contact-evaluations/{InstanceId}/{EvaluationId}/submit', 'SubmitContactEvaluation', (req) => {
      const evaluation = this.find(req.params);
      this.merge(evaluation, req.body);
      evaluation.Status = 'SUBMITTED';
      evaluation.submissions++;
      return ids(evaluation);
    });
    aws.route('DELETE', '/contact-evaluations/{InstanceId}/{EvaluationId}', 'DeleteContactEvaluation', (req) => {
      this.find(req.params).deleted = true;
      return {};
    });
    aws.taggable((arn) => this.live().find((e) => e.EvaluationArn === arn)?.Tags);
  }

  /** Evaluations that exist (not deleted). */
  public live(): FakeEvaluation[] {
    return [...this.evaluations.values()].filter((e) => !e.deleted);
  }

  private start(instanceId: string, body: any) {
    if (!body?.ContactId || !body.EvaluationFormId) throw new AwsError('InvalidParameterException', 'ContactId and EvaluationFormId are required');
    // Tokens outlive their evaluations: a known token answers with its evaluation even once
    // deleted (not documented; the unkind choice).
    const known = body.ClientToken && this.tokens.get(body.ClientToken);
    if (known) return ids(this.evaluations.get(known)!);

    const form = this.forms.get(body.EvaluationFormId);
    if (!form) throw new AwsError('ResourceNotFoundException', `evaluation form ${body.EvaluationFormId} not found`, 404);
    if (!form.active) throw new AwsError('ResourceConflictException', `evaluation form ${body.EvaluationFormId} has no active version`, 409);

    const EvaluationId = randomUUID();
    const evaluation: FakeEvaluation = {
      EvaluationId,
      EvaluationArn: `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${instanceId}/contact-evaluation/${EvaluationId}`,
      InstanceId: instanceId,
      request: body,
      Status: 'DRAFT',
      Answers: {},
      Notes: {},
      Tags: { ...body.Tags },
      submissions: 0,
      deleted: false,
    };
    this.evaluations.set(EvaluationId, evaluation);
    if (body.ClientToken) this.tokens.set(body.ClientToken, EvaluationId);
    return ids(evaluation);
  }

  /** Merges answers and notes into the evaluation; an entry without a Value deletes one. */
  private merge(evaluation: FakeEvaluation, body: any): void {
    const items = this.forms.get(evaluation.request.EvaluationFormId)?.items;
    for (const [member, target] of [['Answers', evaluation.Answers], ['Notes', evaluation.Notes]] as const) {
      for (const [refId, entry] of Object.entries<any>(body?.[member] ?? {})) {
        if (items && !items.includes(refId)) throw new AwsError('InvalidParameterException', `the form has no item ${refId}`);
        if (entry?.Value === undefined) delete target[refId];
        else target[refId] = entry;
      }
    }
  }

  private describe(evaluation: FakeEvaluation) {
    const now = Date.now() / 1000;
    return {
      Evaluation: {
        EvaluationId: evaluation.EvaluationId,
        EvaluationArn: evaluation.EvaluationArn,
        Metadata: { ContactId: evaluation.request.ContactId, EvaluatorArn: `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${evaluation.InstanceId}/agent/evaluator` },
        Answers: evaluation.Answers,
        Notes: evaluation.Notes,
        Status: evaluation.Status,
        CreatedTime: now,
        LastModifiedTime: now,
        Tags: evaluation.Tags,
      },
      EvaluationForm: { EvaluationFormVersion: 1, EvaluationFormId: evaluation.request.EvaluationFormId, Title: 'fake form', Items: [] },
    };
  }

  private find(params: Record<string, string>): FakeEvaluation {
    const evaluation = this.evaluations.get(params.EvaluationId);
    if (!evaluation || evaluation.deleted || evaluation.InstanceId !== params.InstanceId) {
      throw new AwsError('ResourceNotFoundException', `evaluation ${params.EvaluationId} not found`, 404);
    }
    return evaluation;
  }
}

function ids(evaluation: FakeEvaluation) {
  return { EvaluationId: evaluation.EvaluationId, EvaluationArn: evaluation.EvaluationArn };
}
