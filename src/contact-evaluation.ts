import { Duration, Fn, IResource, ITaggableV2, RemovalPolicy, Resource, TagManager, TagType, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { aws_connect as connectRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { IConnectInstance } from './connect-instance';
import { checkGrantActions } from './private/grants';
import { ValidationCode, ValidationError } from './private/validation-error';
import { checkRemovalPolicy, createApiResource } from './private/api-resource';
import { parseArn } from './private/arns';
import { instanceScope, requireReachable, requireSameEnvironment } from './private/instance-scope';
import { ownedByThisStack } from './private/ownership';
import { CONNECT_CONTACT_EVALUATION, show } from './contract';
import { isoDateTime } from './private/dates';

/** A contact evaluation, created here or imported. */
export interface IContactEvaluation extends IResource {
  /**
   * The id of the evaluation.
   *
   * @attribute
   */
  readonly contactEvaluationId: string;

  /**
   * The ARN of the evaluation.
   *
   * @attribute
   */
  readonly contactEvaluationArn: string;

  /** Grants on the evaluation. */
  readonly grants: ContactEvaluationGrants;
}

/**
 * Grants on a contact evaluation, as aws-cdk-lib's generated `XxxGrants` classes give them: the
 * actions name the evaluation's ARN, the resource type the Service Authorization Reference gives
 * DescribeContactEvaluation, UpdateContactEvaluation and SubmitContactEvaluation.
 */
export class ContactEvaluationGrants {
  /** Grants on the given evaluation. */
  public static fromContactEvaluation(evaluation: IContactEvaluation): ContactEvaluationGrants {
    return new ContactEvaluationGrants(evaluation);
  }

  private constructor(private readonly evaluation: IContactEvaluation) {}

  /** Grants the given `connect:` actions on the evaluation. */
  public actions(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    checkGrantActions(this.evaluation, 'ContactEvaluationGrants.actions', 'Amazon Connect', 'connect:DescribeContactEvaluation', actions);
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.evaluation.contactEvaluationArn] });
  }

  /** Grants `connect:DescribeContactEvaluation`: reading the evaluation, its answers and notes. */
  public read(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ['connect:DescribeContactEvaluation']);
  }
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

  /** Answers a date-and-time question; sent as ISO 8601 text in UTC (`2026-11-02T09:30:00Z`). */
  public static dateTime(questionRefId: string, value: Date): EvaluationAnswer {
    return new EvaluationAnswer(questionRefId, { DateTimeValue: isoDateTime(value) });
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
   * The evaluation form to use: a `CfnEvaluationForm` (or any `IEvaluationFormRef`), or the
   * form's id (1–500 characters) or ARN. The form must have an activated version (a
   * `CfnEvaluationForm` with `status: 'ACTIVE'`); the evaluation uses that version.
   *
   * Changing it creates a new evaluation.
   */
  readonly evaluationForm: connectRefs.IEvaluationFormRef | string;

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
   * What happens to the evaluation when it leaves the stack or is replaced.
   *
   * Retained by default, as the other stateful constructs: a submitted evaluation is a record of
   * a review that agents and supervisors see in the contact's history, and DeleteContactEvaluation
   * cannot be undone.
   *
   * @default RemovalPolicy.RETAIN
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
export class ContactEvaluation extends Resource implements IContactEvaluation, ITaggableV2 {
  /**
   * Imports an existing evaluation by its ARN
   * (`arn:<partition>:connect:<region>:<account>:instance/<instance id>/contact-evaluation/<evaluation id>`).
   */
  public static fromContactEvaluationArn(scope: Construct, id: string, contactEvaluationArn: string): IContactEvaluation {
    const evaluationId = Token.isUnresolved(contactEvaluationArn)
      ? Fn.select(3, Fn.split('/', contactEvaluationArn))
      : parseArn(scope, 'ContactEvaluation.fromContactEvaluationArn', contactEvaluationArn, CONTACT_EVALUATION_ARN)['evaluation id'];
    class Import extends Resource implements IContactEvaluation {
      public readonly contactEvaluationArn = contactEvaluationArn;
      public readonly contactEvaluationId = evaluationId;
      public get grants(): ContactEvaluationGrants {
        return ContactEvaluationGrants.fromContactEvaluation(this);
      }
    }
    return new Import(scope, id, { environmentFromArn: contactEvaluationArn });
  }

  /**
   * The id of the evaluation.
   *
   * @attribute
   */
  public readonly contactEvaluationId: string;
  /**
   * The ARN of the evaluation.
   *
   * @attribute
   */
  public readonly contactEvaluationArn: string;
  /** Tags of the evaluation; `Tags.of(...)` adds to them. */
  public readonly cdkTagManager: TagManager;

  /** Grants on the evaluation. */
  public get grants(): ContactEvaluationGrants {
    return ContactEvaluationGrants.fromContactEvaluation(this);
  }

  constructor(scope: Construct, id: string, props: ContactEvaluationProps) {
    super(scope, id);
    this.cdkTagManager = new TagManager(TagType.MAP, CONNECT_CONTACT_EVALUATION.resourceType, props.tags);

    const answers = byRefId(this, 'answers', 'answer each question once', props.answers ?? [], (a) => [a.questionRefId, a._render()]);
    const notes = byRefId(this, 'notes', 'hold one note per item', props.notes ?? [], (n) => [n.itemRefId, { Value: n.note }]);

    requireSameEnvironment(this, CONNECT_CONTACT_EVALUATION.construct, props.instance);
    requireReachable(this, CONNECT_CONTACT_EVALUATION.construct, 'evaluationForm', props.evaluationForm);
    const instance = instanceScope(this, props.instance);
    const resource = createApiResource(this, {
      spec: CONNECT_CONTACT_EVALUATION,
      properties: {
        InstanceId: props.instance.instanceId,
        ContactId: props.contactId,
        EvaluationFormId: typeof props.evaluationForm === 'string' ? props.evaluationForm : props.evaluationForm.evaluationFormRef.evaluationFormArn,
        AutoEvaluationConfiguration: props.autoEvaluationEnabled === undefined ? undefined : { Enabled: props.autoEvaluationEnabled },
        Answers: answers,
        Notes: notes,
        Submit: props.submit,
        Tags: props.tags,
        // Always derived by the handler (docs/client-tokens.md).
        ClientToken: undefined,
      },
      tags: this.cdkTagManager,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
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

    this.contactEvaluationId = resource.getAttString('EvaluationId');
    this.contactEvaluationArn = resource.getAttString('EvaluationArn');
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

/** The form of a contact evaluation ARN. */
const CONTACT_EVALUATION_ARN = {
  names: 'contact evaluation',
  form: 'arn:<partition>:connect:<region>:<account>:instance/<instance id>/contact-evaluation/<evaluation id>',
};

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
