import { Duration, Fn, IResource, ITaggable, RemovalPolicy, Resource, TagManager, TagType, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IConnectInstance } from './connect-instance';
import { ValidationCode, ValidationError } from './private/validation-error';
import { checkRemovalPolicy, createApiResource } from './private/api-resource';
import { instanceScope, requireSameEnvironment } from './private/instance-scope';
import { ownedByThisStack } from './private/ownership';
import { CONNECT_CONTACT_EVALUATION, parseEvaluationArn, show } from './contract';

/** A contact evaluation, created here or imported. */
export interface IContactEvaluation extends IResource {
  /**
   * The id of the evaluation.
   *
   * @attribute
   */
  readonly evaluationId: string;

  /**
   * The ARN of the evaluation.
   *
   * @attribute
   */
  readonly evaluationArn: string;
}

/**
 * The answer to one question of an evaluation form.
 *
 * Each factory matches a member of the API's answer value (EvaluationAnswerData) and the kind of
 * question it answers; the question is named by its reference id in the form (`refId` of a
 * question item of a `CfnEvaluationForm`).
 */
export class EvaluationAnswer {
  /** Answers a text question. The text has at most 300 characters. */
  public static text(questionRefId: string, value: string): EvaluationAnswer {
    return new EvaluationAnswer(questionRefId, { StringValue: value });
  }

  /**
   * Answers a single-selection question with the option chosen, named by its reference id in the
   * form (sent as the answer's string value: assumed to be how the service identifies options).
   */
  public static option(questionRefId: string, optionRefId: string): EvaluationAnswer {
    return new EvaluationAnswer(questionRefId, { StringValue: optionRefId });
  }

  /** Answers a multiple-selection question with the reference ids of the options chosen. */
  public static options(questionRefId: string, optionRefIds: string[]): EvaluationAnswer {
    return new EvaluationAnswer(questionRefId, { StringValues: [...optionRefIds] });
  }

  /** Answers a numeric question. */
  public static number(questionRefId: string, value: number): EvaluationAnswer {
    return new EvaluationAnswer(questionRefId, { NumericValue: value });
  }

  /**
   * Answers a date-and-time question with an ISO 8601 date and time, e.g. `2026-11-02T09:30:00Z`:
   * a date, "T", a time (seconds optional) and "Z" or an offset such as "+02:00", that exists in
   * the calendar.
   */
  public static dateTime(questionRefId: string, value: string): EvaluationAnswer {
    return new EvaluationAnswer(questionRefId, { DateTimeValue: value });
  }

  /** Marks a question as not applicable (the form must allow that for the question). */
  public static notApplicable(questionRefId: string): EvaluationAnswer {
    return new EvaluationAnswer(questionRefId, { NotApplicable: true });
  }

  /** The reference id of the question answered. */
  public readonly questionRefId: string;
  private readonly value: Record<string, unknown>;

  private constructor(questionRefId: string, value: Record<string, unknown>) {
    this.questionRefId = questionRefId;
    this.value = value;
  }

  /** @internal The answer as the API takes it (EvaluationAnswerInput). */
  public _render(): { Value: Record<string, unknown> } {
    return { Value: this.value };
  }
}

/**
 * A note on one item (section or question) of an evaluation form.
 *
 * All notes of an evaluation together may hold at most 1,024 characters per question of the form
 * (a limit of the service); a single note at most 3,072.
 */
export class EvaluationNote {
  /** A note on the section or question with the given reference id. */
  public static forItem(itemRefId: string, note: string): EvaluationNote {
    return new EvaluationNote(itemRefId, note);
  }

  /** The reference id of the section or question the note is on. */
  public readonly itemRefId: string;
  /** The text of the note. */
  public readonly note: string;

  private constructor(itemRefId: string, note: string) {
    this.itemRefId = itemRefId;
    this.note = note;
  }
}

/** Properties of a {@link ContactEvaluation}. */
export interface ContactEvaluationProps {
  /**
   * The Amazon Connect instance the contact and the evaluation form belong to.
   *
   * Changing it creates a new evaluation.
   */
  readonly instance: IConnectInstance;

  /**
   * The id of the contact to evaluate (1–256 characters).
   *
   * Changing it creates a new evaluation.
   */
  readonly contactId: string;

  /**
   * The evaluation form to use: its id (1–500 characters) or its ARN, e.g.
   * `CfnEvaluationForm.attrEvaluationFormArn` (the handler takes the id from it). The form must
   * have an activated version (a `CfnEvaluationForm` with `status: 'ACTIVE'`); the evaluation uses
   * that version.
   *
   * Changing it creates a new evaluation.
   */
  readonly evaluationFormId: string;

  /**
   * Whether Connect evaluates the contact automatically (AutoEvaluationConfiguration); the form
   * must be set up for automated evaluation.
   *
   * Changing it creates a new evaluation.
   *
   * @default - not sent: the service's default (no automated evaluation)
   */
  readonly autoEvaluationEnabled?: boolean;

  /**
   * Answers to write into the evaluation, at most 100, one per question.
   *
   * Changes are written in place: with UpdateContactEvaluation while the evaluation is a draft,
   * as a resubmission (SubmitContactEvaluation) once it has been submitted. An answer removed
   * here is removed from the evaluation.
   *
   * @default - no answers: the evaluation starts empty
   */
  readonly answers?: EvaluationAnswer[];

  /**
   * Notes to write into the evaluation, at most 100, one per section or question. Written like
   * the answers.
   *
   * @default - no notes
   */
  readonly notes?: EvaluationNote[];

  /**
   * Whether to submit the evaluation once the answers and notes are written.
   *
   * Turning it on later submits the draft in place. A submitted evaluation cannot return to
   * draft: turning it off again changes nothing.
   *
   * @default false - the evaluation stays a draft
   */
  readonly submit?: boolean;

  /**
   * Tags of the evaluation (at most 49: the handler adds its ownership tag), merged with tags applied through `Tags.of(...)`.
   * Updated in place.
   * Keys of 1–128 letters, digits, spaces or `_.:/=+-@`, not starting with "aws:"; values of at
   * most 256 characters (Amazon Connect's tag rules).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * The idempotency token sent with StartContactEvaluation (1–500 characters).
   *
   * Changing it creates a new evaluation; so must a change of a property that creates a new
   * evaluation change it (the service would hand back the existing evaluation for the old token).
   *
   * @default - derived from the stack id, the logical id and the CloudFormation request (docs/client-tokens.md)
   */
  readonly clientToken?: string;

  /**
   * What happens to the evaluation when it leaves the stack or is replaced.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An evaluation of one contact against an evaluation form (Connect StartContactEvaluation),
 * optionally filled in and submitted.
 *
 * Resource type `Custom::ConnectContactEvaluation`. Tags, answers, notes and `submit` are
 * updated in place; a change of instance, contact, form, automated evaluation or client token
 * creates a new evaluation and CloudFormation deletes the old one.
 *
 * @resource Custom::ConnectContactEvaluation
 */
export class ContactEvaluation extends Resource implements IContactEvaluation, ITaggable {
  /**
   * Imports an existing evaluation by its ARN
   * (`arn:aws:connect:<region>:<account>:instance/<instance id>/contact-evaluation/<evaluation id>`).
   */
  public static fromEvaluationArn(scope: Construct, id: string, evaluationArn: string): IContactEvaluation {
    let evaluationId: string;
    if (Token.isUnresolved(evaluationArn)) {
      evaluationId = Fn.select(3, Fn.split('/', evaluationArn));
    } else {
      const parsed = parseEvaluationArn(evaluationArn);
      if (!parsed) throw new ValidationError(ValidationCode.ARN, 'ContactEvaluation.fromEvaluationArn', scope, [`${evaluationArn} is not a contact evaluation ARN`]);
      evaluationId = parsed.evaluationId;
    }
    class Import extends Resource implements IContactEvaluation {
      public readonly evaluationArn = evaluationArn;
      public readonly evaluationId = evaluationId;
    }
    return new Import(scope, id, { environmentFromArn: evaluationArn });
  }

  /** @attribute */
  public readonly evaluationId: string;
  /** @attribute */
  public readonly evaluationArn: string;
  /** Tags of the evaluation; `Tags.of(...)` adds to them. */
  public readonly tags: TagManager;

  constructor(scope: Construct, id: string, props: ContactEvaluationProps) {
    super(scope, id);
    this.tags = new TagManager(TagType.MAP, CONNECT_CONTACT_EVALUATION.resourceType, props.tags);

    const answers = byRefId(this, 'answers', 'answer each question once', props.answers ?? [], (a) => [a.questionRefId, a._render()]);
    const notes = byRefId(this, 'notes', 'hold one note per item', props.notes ?? [], (n) => [n.itemRefId, { Value: n.note }]);

    requireSameEnvironment(this, CONNECT_CONTACT_EVALUATION.construct, props.instance);
    const instance = instanceScope(this, props.instance);
    const resource = createApiResource(this, {
      spec: CONNECT_CONTACT_EVALUATION,
      properties: {
        InstanceId: props.instance.instanceId,
        ContactId: props.contactId,
        EvaluationFormId: props.evaluationFormId,
        AutoEvaluationConfiguration: props.autoEvaluationEnabled === undefined ? undefined : { Enabled: props.autoEvaluationEnabled },
        Answers: answers,
        Notes: notes,
        Submit: props.submit,
        Tags: props.tags,
        ClientToken: props.clientToken,
      },
      tags: this.tags,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
      // A few calls; the time is for retries when many evaluations are created at once.
      serviceTimeout: Duration.minutes(10),
      wildcardReasons: {
        [`${instance.arn}/contact-evaluation/*`]: `evaluation ids are known only once StartContactEvaluation has answered; the actions are kept to the evaluations of ${instance.describe}`,
        [`${instance.arn}/evaluation-form/*`]: `StartContactEvaluation reads the form given at deploy time; kept to the forms of ${instance.describe}`,
        [`${instance.arn}/contact/*`]: `StartContactEvaluation reads the contact given at deploy time; kept to the contacts of ${instance.describe}`,
      },
      statements: [
        new iam.PolicyStatement({
          sid: 'ConnectContactEvaluations',
          actions: [
            'connect:StartContactEvaluation',
            'connect:DescribeContactEvaluation',
            'connect:UpdateContactEvaluation',
            'connect:SubmitContactEvaluation',
            'connect:TagResource',
            'connect:UntagResource',
          ],
          resources: [`${instance.arn}/contact-evaluation/*`],
        }),
        new iam.PolicyStatement({
          sid: 'ConnectDeleteOwnContactEvaluations',
          actions: ['connect:DeleteContactEvaluation'],
          resources: [`${instance.arn}/contact-evaluation/*`],
          conditions: ownedByThisStack(),
        }),
        new iam.PolicyStatement({
          // The Service Authorization Reference names only contact-evaluation for
          // StartContactEvaluation; the form and contact it reads are allowed too, within the
          // same scope, in case the service authorizes them as well (assumed).
          sid: 'ConnectStartContactEvaluation',
          actions: ['connect:StartContactEvaluation'],
          resources: [`${instance.arn}/evaluation-form/*`, `${instance.arn}/contact/*`],
        }),
      ],
    });

    this.evaluationId = resource.getAttString('EvaluationId');
    this.evaluationArn = resource.getAttString('EvaluationArn');
  }

  /**
   * Sets the custom resource's DeletionPolicy and UpdateReplacePolicy: RETAIN keeps the evaluation
   * when it leaves the stack or is replaced, DESTROY deletes it. SNAPSHOT is rejected: CloudFormation
   * snapshots no custom resource.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    checkRemovalPolicy(this, CONNECT_CONTACT_EVALUATION.construct, policy);
    super.applyRemovalPolicy(policy);
  }
}

/**
 * Turns a list into the API's map by reference id (undefined when empty). A reference id given
 * twice would silently keep only the last entry: it is an error instead.
 */
function byRefId<T>(
  scope: Construct,
  prop: string,
  rule: string,
  items: readonly T[],
  entry: (item: T) => [string, unknown],
): Record<string, unknown> | undefined {
  if (items.length === 0) return undefined;
  const map: Record<string, unknown> = {};
  for (const item of items) {
    const [refId, value] = entry(item);
    if (refId in map && !Token.isUnresolved(refId)) {
      throw new ValidationError(ValidationCode.DUPLICATE, 'ContactEvaluation', scope, [`${prop} must ${rule} (got ${show(refId)} twice)`]);
    }
    map[refId] = value;
  }
  return map;
}
