import { Duration, Fn, IResource, ITaggable, RemovalPolicy, Resource, Stack, TagManager, TagType, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ValidationCode, ValidationError } from './private/validation-error';
import { checkRemovalPolicy, containsToken, createApiResource } from './private/api-resource';
import { ownedByThisStack } from './private/ownership';
import { caseFieldIdProblems, CONNECT_CASE, parseCaseArn } from './contract';

/** A case in a Connect Cases domain, created here or imported. */
export interface ICase extends IResource {
  /**
   * The id of the case.
   *
   * @attribute
   */
  readonly caseId: string;

  /**
   * The ARN of the case (`arn:<partition>:cases:<region>:<account>:domain/<domainId>/case/<caseId>`).
   *
   * @attribute
   */
  readonly caseArn: string;
}

/**
 * The value of one case field: text, a number, a boolean, a user or nothing.
 *
 * The service's own fields have fixed ids (`CaseField.title(...)`, `CaseField.customerId(...)`);
 * a custom field's id comes from the field, e.g. `CfnField.attrFieldId` (its ARN, `CfnField.ref`,
 * is accepted too).
 */
export class CaseField {
  /** The case title (system field `title`, required on every case). */
  public static title(value: string): CaseField {
    return CaseField.text('title', value);
  }

  /**
   * The customer (system field `customer_id`, required on every case): the full Customer Profiles
   * profile ARN, `arn:aws:profile:<region>:<account>:domains/<profiles domain>/profiles/<profile id>`.
   */
  public static customerId(profileArn: string): CaseField {
    return CaseField.text('customer_id', profileArn);
  }

  /** A text value (at most 4100 characters; the `summary` system field takes 3000). */
  public static text(id: string, value: string): CaseField {
    return new CaseField(id, { StringValue: value });
  }

  /** A number value (a double). */
  public static number(id: string, value: number): CaseField {
    return new CaseField(id, { DoubleValue: value });
  }

  /**
   * A true/false value. (Named `booleanValue` because `boolean` is a reserved word in Java.)
   */
  public static booleanValue(id: string, value: boolean): CaseField {
    return new CaseField(id, { BooleanValue: value });
  }

  /** An empty value; not allowed for fields the case template requires. */
  public static empty(id: string): CaseField {
    return new CaseField(id, { EmptyValue: {} });
  }

  /** A user: the ARN of an Amazon Connect user. */
  public static userArn(id: string, userArn: string): CaseField {
    return new CaseField(id, { UserArnValue: userArn });
  }

  /**
   * @param id The field id.
   * @param value The value in the template: one member of StringValue, DoubleValue, BooleanValue, EmptyValue, UserArnValue.
   */
  private constructor(public readonly id: string, private readonly value: { [member: string]: unknown }) {}

  /** @internal */
  public _toTemplate(): { [key: string]: unknown } {
    return { Id: this.id, Value: this.value };
  }
}

/** Who the service records as having created or updated the case. */
export class CasePerformer {
  /**
   * An Amazon Connect user. The handler is then also granted `connect:DescribeUser` on that user,
   * which the service requires.
   */
  public static user(userArn: string): CasePerformer {
    return new CasePerformer(userArn);
  }

  /** Any other entity, by name: 1–500 letters, digits, spaces and `_-.@:/`, not ending in a space. */
  public static customEntity(name: string): CasePerformer {
    return new CasePerformer(undefined, name);
  }

  private constructor(
    /** The user's ARN, for {@link CasePerformer.user}. */
    public readonly userArn?: string,
    /**
     * The entity's name, for {@link CasePerformer.customEntity}. (Not `customEntity`: jsii
     * languages cannot have a static method and an instance property of one name.)
     */
    public readonly customEntityName?: string,
  ) {}

  /** @internal */
  public _toTemplate(): { [key: string]: string } {
    return this.userArn !== undefined ? { UserArn: this.userArn } : { CustomEntity: this.customEntityName! };
  }
}

/** Properties of a {@link Case}. */
export interface CaseProps {
  /**
   * The Cases domain: its id (`CfnDomain.attrDomainId`) or its ARN (`CfnDomain.attrDomainArn`,
   * `CfnDomain.ref`).
   *
   * Changing it creates a new case.
   */
  readonly domainId: string;

  /**
   * The case template: its id (`CfnTemplate.attrTemplateId`) or its ARN (`CfnTemplate.attrTemplateArn`,
   * `CfnTemplate.ref`). The template must be active.
   *
   * Changing it creates a new case.
   */
  readonly templateId: string;

  /**
   * The case's fields, at most 220, each id at most once. `CaseField.title(...)` and
   * `CaseField.customerId(...)` are required.
   *
   * Updated in place: only the fields that changed are written, and a field left out is cleared.
   */
  readonly fields: CaseField[];

  /**
   * Who the service records as having created (and updated) the case.
   *
   * @default - none is given
   */
  readonly performedBy?: CasePerformer;

  /**
   * Tags of the case (at most 49: the handler adds its ownership tag), merged with tags applied through `Tags.of(...)`.
   * Updated in place.
   * Keys of 1–128 ASCII letters, digits, spaces or `_.:/=+-@`, not starting with "aws:" in any
   * case; values of at most 256 of the same characters (Connect Cases' tag rules).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * The idempotency token sent with CreateCase (1–64 characters).
   *
   * Changing it creates a new case; so must a change of the domain or template change it (the
   * service would hand back the existing case for the old token).
   *
   * @default - derived from the stack id, the logical id and the CloudFormation request (docs/client-tokens.md)
   */
  readonly clientToken?: string;

  /**
   * What happens to the case when it leaves the stack or is replaced. Deleting a case cannot be undone.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A case in a Connect Cases domain (Cases CreateCase), with typed field values.
 *
 * Resource type `Custom::ConnectCase`. Fields and tags are updated in place; a change of domain,
 * template or client token creates a new case and CloudFormation deletes the old one (unless
 * retained, the default).
 *
 * @resource Custom::ConnectCase
 */
export class Case extends Resource implements ICase, ITaggable {
  /** Imports an existing case by its ARN (`arn:<partition>:cases:<region>:<account>:domain/<domainId>/case/<caseId>`). */
  public static fromCaseArn(scope: Construct, id: string, caseArn: string): ICase {
    if (!Token.isUnresolved(caseArn) && !parseCaseArn(caseArn)) {
      throw new ValidationError(ValidationCode.ARN, 'Case.fromCaseArn', scope, [`${caseArn} is not a case ARN (arn:<partition>:cases:<region>:<account>:domain/<domainId>/case/<caseId>)`]);
    }
    class Import extends Resource implements ICase {
      public readonly caseArn = caseArn;
      public readonly caseId = Fn.select(3, Fn.split('/', caseArn));
    }
    return new Import(scope, id, { environmentFromArn: caseArn });
  }

  /** @attribute */
  public readonly caseId: string;
  /** @attribute */
  public readonly caseArn: string;
  /** Tags of the case; `Tags.of(...)` adds to them. */
  public readonly tags: TagManager;

  constructor(scope: Construct, id: string, props: CaseProps) {
    super(scope, id);
    this.tags = new TagManager(TagType.MAP, CONNECT_CASE.resourceType, props.tags);

    const fields = props.fields.map((f) => f._toTemplate());
    if (containsToken(fields)) {
      // The table skips a value holding a token as a whole; the ids may still be known.
      const problems = caseFieldIdProblems(props.fields.map((f) => (Token.isUnresolved(f.id) ? undefined : f.id)));
      if (problems.length > 0) throw new ValidationError(ValidationCode.SPEC, CONNECT_CASE.construct, this, problems.map((p) => `fields ${p}`));
    }

    const domainArn = casesDomainArn(this, props.domainId);
    const statements = [
      new iam.PolicyStatement({
        // CreateCase is authorized on the domain, the case, the template and the fields; with tags
        // it also needs TagResource.
        actions: ['cases:CreateCase', 'cases:UpdateCase', 'cases:TagResource', 'cases:UntagResource', 'cases:ListTagsForResource'],
        resources: [domainArn, `${domainArn}/case/*`, `${domainArn}/template/*`, `${domainArn}/field/*`],
      }),
      // DeleteCase is authorized on the case and on its domain (documented: Case* and Domain*).
      // Each resource is checked on its own, so the ownership condition goes on the case alone.
      new iam.PolicyStatement({ actions: ['cases:DeleteCase'], resources: [domainArn] }),
      new iam.PolicyStatement({ actions: ['cases:DeleteCase'], resources: [`${domainArn}/case/*`], conditions: ownedByThisStack() }),
    ];
    if (props.performedBy?.userArn !== undefined) {
      // Documented: a performedBy user ARN needs connect:DescribeUser on that user.
      statements.push(new iam.PolicyStatement({ actions: ['connect:DescribeUser'], resources: [props.performedBy.userArn] }));
    }

    const resource = createApiResource(this, {
      spec: CONNECT_CASE,
      properties: {
        DomainId: props.domainId,
        TemplateId: props.templateId,
        Fields: fields,
        PerformedBy: props.performedBy?._toTemplate(),
        Tags: props.tags,
        ClientToken: props.clientToken,
      },
      tags: this.tags,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      // A case is created in one call; the time is for retries when many stacks create cases at once.
      serviceTimeout: Duration.minutes(10),
      statements,
      wildcardReasons: {
        [`${domainArn}/case/*`]: 'case ids are known only once CreateCase has answered; kept to the cases of the one domain',
        [`${domainArn}/template/*`]: 'CreateCase is authorized on the template it uses; kept to the templates of the one domain',
        [`${domainArn}/field/*`]: 'CreateCase and UpdateCase are authorized on every field they write; kept to the fields of the one domain',
      },
    });

    this.caseId = resource.getAttString('CaseId');
    this.caseArn = resource.getAttString('CaseArn');
  }

  /**
   * Sets the custom resource's DeletionPolicy and UpdateReplacePolicy: RETAIN keeps the case
   * when it leaves the stack or is replaced, DESTROY deletes it. SNAPSHOT is rejected: CloudFormation
   * snapshots no custom resource.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    checkRemovalPolicy(this, CONNECT_CASE.construct, policy);
    super.applyRemovalPolicy(policy);
  }
}

/**
 * The ARN of the domain, for the handler's permissions, from a domain id or ARN. For a value known
 * only at deploy time the id is `Fn::Select 1` of `Fn::Split "/"` of `<value>/<value>`: an id (no
 * "/") gives `[id, id]`, an ARN (one "/": `…:domain/<id>`) gives `[…:domain, id, …:domain, id]`.
 */
function casesDomainArn(scope: Construct, domain: string): string {
  if (!Token.isUnresolved(domain) && domain.startsWith('arn:')) return domain;
  const domainId = Token.isUnresolved(domain) ? Fn.select(1, Fn.split('/', Fn.join('', [domain, '/', domain]))) : domain;
  return Stack.of(scope).formatArn({ service: 'cases', resource: 'domain', resourceName: domainId });
}
