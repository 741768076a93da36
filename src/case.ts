import { Duration, Fn, IResource, ITaggableV2, RemovalPolicy, Resource, Stack, TagManager, TagType, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { aws_cases as casesRefs, aws_connect as connectRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { checkGrantActions } from './private/grants';
import { ValidationCode, ValidationError } from './private/validation-error';
import { checkRemovalPolicy, containsToken, createApiResource } from './private/api-resource';
import { parseArn } from './private/arns';
import { requireReachable } from './private/instance-scope';
import { ownedByThisStack } from './private/ownership';
import { caseFieldIdProblems, CONNECT_CASE, showKey } from './contract';

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

  /** Grants on the case. */
  readonly grants: CaseGrants;
}

/**
 * Grants on a case, as aws-cdk-lib's generated `XxxGrants` classes give them. Connect Cases
 * authorizes its case actions on the case and on its domain (Service Authorization Reference,
 * Amazon Connect Cases: GetCase, UpdateCase and the others list both Case and Domain as required
 * resource types), so each statement names the two.
 */
export class CaseGrants {
  /** Grants on the given case. */
  public static fromCase(caseResource: ICase): CaseGrants {
    return new CaseGrants(caseResource);
  }

  private constructor(private readonly caseResource: ICase) {}

  /** Grants the given `cases:` actions on the case (and its domain, which Cases authorizes too). */
  public actions(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    checkGrantActions(this.caseResource, 'CaseGrants.actions', 'Connect Cases', 'cases:GetCase', actions);
    const caseArn = this.caseResource.caseArn;
    // arn:…:domain/<domain id>/case/<case id>: the domain ARN is the first two "/" parts.
    const domainArn = Token.isUnresolved(caseArn) ? Fn.join('/', [Fn.select(0, Fn.split('/', caseArn)), Fn.select(1, Fn.split('/', caseArn))]) : caseArn.split('/').slice(0, 2).join('/');
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [caseArn, domainArn] });
  }
}

/** What identifies an existing case, for {@link Case.fromCaseAttributes}. */
export interface CaseAttributes {
  /** The id of the case. */
  readonly caseId: string;

  /**
   * The case's Cases domain: a `CfnDomain` (or any `IDomainRef`), or the domain's id or ARN. An
   * id names a domain of the stack's account and region.
   */
  readonly domain: casesRefs.IDomainRef | string;
}

/**
 * The value of one case field: text, a number, a boolean, a user or nothing.
 *
 * The title and the customer are props of the case itself (`title`, `customer`); these are the
 * other fields. A custom field's id comes from the field, e.g. `CfnField.attrFieldId` (its ARN,
 * `CfnField.ref`, is accepted too); the service's own fields have fixed ids such as `summary`.
 */
export class CaseField {
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

  /** A user: a `CfnUser` (or any `IUserRef`), or the ARN of an Amazon Connect user. */
  public static user(id: string, user: connectRefs.IUserRef | string): CaseField {
    return new CaseField(id, { UserArnValue: userArnOf(user) });
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
   * An Amazon Connect user: a `CfnUser` (or any `IUserRef`), or the user's ARN. The handler is
   * then also granted `connect:DescribeUser` on that user, which the service requires.
   */
  public static user(user: connectRefs.IUserRef | string): CasePerformer {
    return new CasePerformer(userArnOf(user));
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
   * The Cases domain: a `CfnDomain` (or any `IDomainRef`), or the domain's id or ARN.
   *
   * Changing it creates a new case.
   */
  readonly domain: casesRefs.IDomainRef | string;

  /**
   * The case template: a `CfnTemplate` (or any `ITemplateRef`), or the template's id or ARN. The
   * template must be active.
   *
   * Changing it creates a new case.
   */
  readonly template: casesRefs.ITemplateRef | string;

  /**
   * The case's title (the system field `title`, required on every case): at most 4100 characters.
   *
   * Updated in place.
   */
  readonly title: string;

  /**
   * The customer (the system field `customer_id`, required on every case): the full Customer
   * Profiles profile ARN, `arn:<partition>:profile:<region>:<account>:domains/<profiles domain>/profiles/<profile id>`.
   *
   * Updated in place.
   */
  readonly customer: string;

  /**
   * The case's other fields, each id at most once; at most 218 (the service takes 220 with the
   * title and the customer).
   *
   * Updated in place: only the fields that changed are written, and a field left out is cleared.
   *
   * @default - no other fields
   */
  readonly fields?: CaseField[];

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
export class Case extends Resource implements ICase, ITaggableV2 {
  /** Imports an existing case by its ARN (`arn:<partition>:cases:<region>:<account>:domain/<domain id>/case/<case id>`). */
  public static fromCaseArn(scope: Construct, id: string, caseArn: string): ICase {
    const caseId = Token.isUnresolved(caseArn) ? Fn.select(3, Fn.split('/', caseArn)) : parseArn(scope, 'Case.fromCaseArn', caseArn, CASE_ARN)['case id'];
    return importCase(scope, id, caseArn, caseId);
  }

  /**
   * Imports an existing case by its id and its domain. The case's ARN names the domain and the
   * case, in the domain's account and region (the stack's, for a domain given by id).
   */
  public static fromCaseAttributes(scope: Construct, id: string, attrs: CaseAttributes): ICase {
    if (typeof attrs.domain === 'string' && !Token.isUnresolved(attrs.domain) && attrs.domain.startsWith('arn:')) {
      parseArn(scope, 'Case.fromCaseAttributes', attrs.domain, DOMAIN_ARN);
    }
    const domainArn = casesDomainArn(scope, attrs.domain);
    return importCase(scope, id, `${domainArn}/case/${attrs.caseId}`, attrs.caseId);
  }

  /**
   * The id of the case.
   *
   * @attribute
   */
  public readonly caseId: string;
  /**
   * The ARN of the case.
   *
   * @attribute
   */
  public readonly caseArn: string;
  /** Tags of the case; `Tags.of(...)` adds to them. */
  public readonly cdkTagManager: TagManager;

  /** Grants on the case. */
  public get grants(): CaseGrants {
    return CaseGrants.fromCase(this);
  }

  constructor(scope: Construct, id: string, props: CaseProps) {
    super(scope, id);
    this.cdkTagManager = new TagManager(TagType.MAP, CONNECT_CASE.resourceType, props.tags);

    const given = props.fields ?? [];
    const reserved = given.filter((f) => !Token.isUnresolved(f.id) && (f.id === 'title' || f.id === 'customer_id'));
    if (reserved.length > 0) {
      throw new ValidationError(ValidationCode.SPEC, CONNECT_CASE.construct, this, reserved.map((f) => `fields must not hold ${showKey(f.id)}: give it as the ${f.id === 'title' ? 'title' : 'customer'} prop`));
    }
    const fields = [CaseField.text('title', props.title), CaseField.text('customer_id', props.customer), ...given].map((f) => f._toTemplate());
    if (containsToken(fields)) {
      // The table skips a value holding a token as a whole; the ids may still be known.
      const problems = caseFieldIdProblems(given.map((f) => (Token.isUnresolved(f.id) ? undefined : f.id)).concat(['title', 'customer_id']));
      if (problems.length > 0) throw new ValidationError(ValidationCode.SPEC, CONNECT_CASE.construct, this, problems.map((p) => `fields ${p}`));
    }

    requireReachable(this, CONNECT_CASE.construct, 'domain', props.domain);
    requireReachable(this, CONNECT_CASE.construct, 'template', props.template);
    const domainArn = casesDomainArn(this, props.domain);
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
    // Documented: a performedBy user ARN needs connect:DescribeUser on that user. A user known only
    // at deploy time (a CfnUser of the stack, say) cannot be named: it belongs to an instance,
    // which may be a ConnectInstance of the same stack, and that waits for the handler's policy;
    // the users of the account's instances in this region are granted instead.
    const performer = props.performedBy?.userArn;
    const users = performer !== undefined && Token.isUnresolved(performer) ? Stack.of(this).formatArn({ service: 'connect', resource: 'instance', resourceName: '*/agent/*' }) : performer;
    if (users !== undefined) statements.push(new iam.PolicyStatement({ actions: ['connect:DescribeUser'], resources: [users] }));

    const resource = createApiResource(this, {
      spec: CONNECT_CASE,
      properties: {
        DomainId: typeof props.domain === 'string' ? props.domain : props.domain.domainRef.domainArn,
        TemplateId: typeof props.template === 'string' ? props.template : props.template.templateRef.templateArn,
        Fields: fields,
        PerformedBy: props.performedBy?._toTemplate(),
        Tags: props.tags,
        // Always derived by the handler (docs/client-tokens.md).
        ClientToken: undefined,
      },
      tags: this.cdkTagManager,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      // A case is created in one call; the time is for retries when many stacks create cases at once.
      serviceTimeout: Duration.minutes(10),
      statements,
      wildcardReasons: {
        [`${domainArn}/case/*`]: 'case ids are known only once CreateCase has answered; kept to the cases of the one domain',
        [`${domainArn}/template/*`]: 'CreateCase is authorized on the template it uses; kept to the templates of the one domain',
        [`${domainArn}/field/*`]: 'CreateCase and UpdateCase are authorized on every field they write; kept to the fields of the one domain',
        ...(users !== undefined && users !== performer
          ? { [users]: 'the performing user is known only at deploy time and may belong to an instance of this stack, which waits for this policy; kept to the users of this account\'s instances in this region' }
          : {}),
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

/** The form of a Cases domain ARN. */
const DOMAIN_ARN = { names: 'Cases domain', form: 'arn:<partition>:cases:<region>:<account>:domain/<domain id>' };

/** The form of a case ARN. */
const CASE_ARN = { names: 'case', form: 'arn:<partition>:cases:<region>:<account>:domain/<domain id>/case/<case id>' };

/** An imported case, in the environment of its ARN. */
function importCase(scope: Construct, id: string, caseArn: string, caseId: string): ICase {
  class Import extends Resource implements ICase {
    public readonly caseArn = caseArn;
    public readonly caseId = caseId;
    public get grants(): CaseGrants {
      return CaseGrants.fromCase(this);
    }
  }
  return new Import(scope, id, { environmentFromArn: caseArn });
}

/** A user's ARN, from a reference or as given. */
function userArnOf(user: connectRefs.IUserRef | string): string {
  return typeof user === 'string' ? user : user.userRef.userArn;
}

/**
 * The ARN of the domain, for the handler's permissions and imports: the reference's ARN, a given
 * ARN, or one built from an id. For an id or ARN known only at deploy time the id is
 * `Fn::Select 1` of `Fn::Split "/"` of `<value>/<value>`: an id (no "/") gives `[id, id]`, an ARN
 * (one "/": `…:domain/<id>`) gives `[…:domain, id, …:domain, id]`.
 */
function casesDomainArn(scope: Construct, domain: casesRefs.IDomainRef | string): string {
  if (typeof domain !== 'string') return domain.domainRef.domainArn;
  if (!Token.isUnresolved(domain) && domain.startsWith('arn:')) return domain;
  const domainId = Token.isUnresolved(domain) ? Fn.select(1, Fn.split('/', Fn.join('', [domain, '/', domain]))) : domain;
  return Stack.of(scope).formatArn({ service: 'cases', resource: 'domain', resourceName: domainId });
}
