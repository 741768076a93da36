import { Arn, ArnFormat, Aws, Duration, Fn, IResource, RemovalPolicy, Resource, Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { checkRemovalPolicy, createApiResource } from './private/api-resource';
import { ENGAGEMENT_CONTEXT, formatEngagementArn, PARTNER_CENTRAL_REGION } from './contract';
import { ValidationCode, ValidationError } from './private/validation-error';
import { parseArn } from './private/arns';
import { isoDate, isoDateTime } from './private/dates';

/** The Partner Central catalog an engagement lives in. */
export enum Catalog {
  /** The production catalog. */
  AWS = 'AWS',
  /** The isolated catalog for testing. */
  SANDBOX = 'Sandbox',
}

/** What kind of information an engagement context holds; follows from its payload. */
export enum EngagementContextType {
  /** A customer and, optionally, the customer's project. */
  CUSTOMER_PROJECT = 'CustomerProject',
  /** A lead: a customer and an interaction with them. */
  LEAD = 'Lead',
}

/**
 * The industry of a customer's company, as Partner Central classifies it. The service owns the
 * list and may add to it: `Industry.of(...)` names an industry this release does not know yet.
 */
export class Industry {
  /** Aerospace. */
  public static readonly AEROSPACE_SATELLITE = new Industry('Aerospace');
  /** Agriculture. */
  public static readonly AGRICULTURE = new Industry('Agriculture');
  /** Automotive. */
  public static readonly AUTOMOTIVE = new Industry('Automotive');
  /** Computers and Electronics. */
  public static readonly COMPUTERS_ELECTRONICS = new Industry('Computers and Electronics');
  /** Consumer Goods. */
  public static readonly CONSUMER_GOODS = new Industry('Consumer Goods');
  /** Education. */
  public static readonly EDUCATION = new Industry('Education');
  /** Energy - Oil and Gas. */
  public static readonly ENERGY_OIL_GAS = new Industry('Energy - Oil and Gas');
  /** Energy - Power and Utilities. */
  public static readonly ENERGY_POWER_UTILITIES = new Industry('Energy - Power and Utilities');
  /** Financial Services. */
  public static readonly FINANCIAL_SERVICES = new Industry('Financial Services');
  /** Gaming. */
  public static readonly GAMING = new Industry('Gaming');
  /** Government. */
  public static readonly GOVERNMENT = new Industry('Government');
  /** Healthcare. */
  public static readonly HEALTHCARE = new Industry('Healthcare');
  /** Hospitality. */
  public static readonly HOSPITALITY = new Industry('Hospitality');
  /** Life Sciences. */
  public static readonly LIFE_SCIENCES = new Industry('Life Sciences');
  /** Manufacturing. */
  public static readonly MANUFACTURING = new Industry('Manufacturing');
  /** Marketing and Advertising. */
  public static readonly MARKETING_ADVERTISING = new Industry('Marketing and Advertising');
  /** Media and Entertainment. */
  public static readonly MEDIA_ENTERTAINMENT = new Industry('Media and Entertainment');
  /** Mining. */
  public static readonly MINING = new Industry('Mining');
  /** Non-Profit Organization. */
  public static readonly NON_PROFIT_ORGANIZATION = new Industry('Non-Profit Organization');
  /** Other. */
  public static readonly OTHER = new Industry('Other');
  /** Professional Services. */
  public static readonly PROFESSIONAL_SERVICES = new Industry('Professional Services');
  /** Real Estate and Construction. */
  public static readonly REALESTATE_CONSTRUCTION = new Industry('Real Estate and Construction');
  /** Retail. */
  public static readonly RETAIL = new Industry('Retail');
  /** Software and Internet. */
  public static readonly SOFTWARE_INTERNET = new Industry('Software and Internet');
  /** Telecommunications. */
  public static readonly TELECOMMUNICATIONS = new Industry('Telecommunications');
  /** Transportation and Logistics. */
  public static readonly TRANSPORTATION_LOGISTICS = new Industry('Transportation and Logistics');
  /** Travel. */
  public static readonly TRAVEL = new Industry('Travel');
  /** Wholesale and Distribution. */
  public static readonly WHOLESALE_DISTRIBUTION = new Industry('Wholesale and Distribution');

  /** An industry by the name Partner Central gives it (the API's Industry value), such as "Software and Internet". */
  public static of(name: string): Industry {
    return new Industry(name);
  }

  private constructor(
    /** The name Partner Central gives the industry. */
    public readonly industryName: string,
  ) {}
}

/** The customer of a customer-project context. */
export interface EngagementCustomer {
  /** The name of the customer's company: 1–120 characters. */
  readonly companyName: string;

  /**
   * The country the company operates in: a two-letter ISO 3166-1 code in capitals ("US", "DE").
   *
   * Partner Central knows 249 codes; the value is checked against that list at synth.
   */
  readonly countryCode: string;

  /** The company's industry. */
  readonly industry: Industry;

  /** The company's website, such as "https://www.example.com": 4–255 characters. */
  readonly websiteUrl: string;
}

/** The project of a customer-project context. */
export interface EngagementCustomerProject {
  /** The title of the project: 1–255 characters. */
  readonly title: string;

  /** The business problem the project solves: 20–2000 characters. */
  readonly businessProblem: string;

  /** When the customer means to complete the project: the calendar date (in UTC) is sent, as YYYY-MM-DD. */
  readonly targetCompletionDate: Date;
}

/** What {@link EngagementContextPayload.customerProject} takes. */
export interface CustomerProjectOptions {
  /** The customer. */
  readonly customer: EngagementCustomer;

  /**
   * The customer's project.
   *
   * @default - no project; the context describes the customer only
   */
  readonly project?: EngagementCustomerProject;
}

/** The address of a lead's company. */
export interface LeadAddress {
  /**
   * The city: at most 255 characters.
   *
   * @default - not given
   */
  readonly city?: string;

  /**
   * The postal code: at most 20 characters.
   *
   * @default - not given
   */
  readonly postalCode?: string;

  /**
   * The state or region: at most 255 characters.
   *
   * @default - not given
   */
  readonly stateOrRegion?: string;

  /**
   * The country code, such as "US": at most 10 characters (the lead model takes a free string here).
   *
   * @default - not given
   */
  readonly countryCode?: string;
}

/** The customer of a lead context. */
export interface LeadCustomer {
  /** The name of the lead's company: 1–120 characters. */
  readonly companyName: string;

  /**
   * The company's industry.
   *
   * @default - not given
   */
  readonly industry?: Industry;

  /**
   * The company's website, such as "https://www.example.com": at most 255 characters (the lead
   * model takes a free string here).
   *
   * @default - not given
   */
  readonly websiteUrl?: string;

  /**
   * The company's address.
   *
   * @default - not given
   */
  readonly address?: LeadAddress;

  /**
   * How far the customer has adopted AWS, in Partner Central's words: at most 255 characters.
   *
   * @default - not given
   */
  readonly awsMaturity?: string;

  /**
   * The customer's market segment, such as enterprise or small business: at most 255 characters.
   *
   * @default - not given
   */
  readonly marketSegment?: string;
}

/** The person a lead interaction was with. */
export interface LeadContact {
  /** The contact's job title: 1–255 characters. */
  readonly businessTitle: string;

  /** The contact's email address: 1–255 characters (the lead model checks no form). */
  readonly email: string;

  /** The contact's first name: at most 80 characters. */
  readonly firstName: string;

  /** The contact's last name: at most 80 characters. */
  readonly lastName: string;

  /**
   * The contact's phone number: at most 255 characters.
   *
   * @default - not given
   */
  readonly phone?: string;
}

/** An interaction with a lead. */
export interface LeadInteraction {
  /** Who the interaction was with. */
  readonly contact: LeadContact;

  /**
   * The kind of source that produced the lead, such as "Event" or "Website": at most 255 characters.
   *
   * @default - not given
   */
  readonly sourceType?: string;

  /**
   * The id of that source: at most 255 characters.
   *
   * @default - not given
   */
  readonly sourceId?: string;

  /**
   * The name of that source: at most 255 characters.
   *
   * @default - not given
   */
  readonly sourceName?: string;

  /**
   * The use case discussed: at most 255 characters.
   *
   * @default - not given
   */
  readonly usecase?: string;

  /**
   * When the interaction took place; sent as ISO 8601 text in UTC ("2026-05-01T09:30:00Z").
   *
   * @default - not given
   */
  readonly interactionDate?: Date;

  /**
   * What the customer did, such as asking for a meeting: at most 255 characters.
   *
   * @default - not given
   */
  readonly customerAction?: string;

  /**
   * The business problem the customer described: at most 2000 characters.
   *
   * @default - not given
   */
  readonly businessProblem?: string;
}

/** What {@link EngagementContextPayload.lead} takes. */
export interface LeadOptions {
  /** The lead's company. */
  readonly customer: LeadCustomer;

  /**
   * The interaction with the lead.
   *
   * One interaction, because UpdateEngagementContext takes one: the context can then follow a
   * change of it in place.
   */
  readonly interaction: LeadInteraction;

  /**
   * The lead's qualification status: 1–255 characters.
   *
   * @default - the service's default ("Unqualified")
   */
  readonly qualificationStatus?: string;
}

/**
 * The information an engagement context holds. Its kind (the context's `Type`) follows from the
 * factory used, so the two cannot disagree.
 */
export class EngagementContextPayload {
  /** A customer and, optionally, the customer's project (context type CustomerProject). */
  public static customerProject(options: CustomerProjectOptions): EngagementContextPayload {
    const { customer, project } = options;
    return new EngagementContextPayload(EngagementContextType.CUSTOMER_PROJECT, {
      CustomerProject: compact({
        Customer: compact({
          CompanyName: customer.companyName,
          CountryCode: customer.countryCode,
          Industry: customer.industry?.industryName,
          WebsiteUrl: customer.websiteUrl,
        }),
        Project: project && compact({
          Title: project.title,
          BusinessProblem: project.businessProblem,
          TargetCompletionDate: isoDate(project.targetCompletionDate),
        }),
      }),
    });
  }

  /** A lead: the lead's company and an interaction with it (context type Lead). */
  public static lead(options: LeadOptions): EngagementContextPayload {
    const { customer, interaction, qualificationStatus } = options;
    const address = customer.address;
    const contact = interaction.contact;
    return new EngagementContextPayload(EngagementContextType.LEAD, {
      Lead: compact({
        QualificationStatus: qualificationStatus,
        Customer: compact({
          CompanyName: customer.companyName,
          Industry: customer.industry?.industryName,
          WebsiteUrl: customer.websiteUrl,
          Address: address && compact({
            City: address.city,
            PostalCode: address.postalCode,
            StateOrRegion: address.stateOrRegion,
            CountryCode: address.countryCode,
          }),
          AwsMaturity: customer.awsMaturity,
          MarketSegment: customer.marketSegment,
        }),
        Interactions: [
          compact({
            SourceType: interaction.sourceType,
            SourceId: interaction.sourceId,
            SourceName: interaction.sourceName,
            Usecase: interaction.usecase,
            InteractionDate: interaction.interactionDate && isoDateTime(interaction.interactionDate),
            CustomerAction: interaction.customerAction,
            BusinessProblem: interaction.businessProblem,
            Contact: compact({
              BusinessTitle: contact.businessTitle,
              Email: contact.email,
              FirstName: contact.firstName,
              LastName: contact.lastName,
              Phone: contact.phone,
            }),
          }),
        ],
      }),
    });
  }

  /**
   * The payload as the API's EngagementContextPayload union, as it goes into the template.
   *
   * @internal
   */
  public readonly _payload: { [member: string]: any };

  /** The context type the payload makes. (Not `type`, a reserved word in Go.) */
  public readonly contextType: EngagementContextType;

  private constructor(type: EngagementContextType, payload: { [member: string]: any }) {
    this.contextType = type;
    this._payload = payload;
  }
}

/** An engagement context, as other constructs may rely on it. */
export interface IEngagementContext extends IResource {
  /**
   * The id of the context within its engagement.
   *
   * @attribute
   */
  readonly engagementContextId: string;

  /**
   * The id of the engagement ("eng-…").
   *
   * @attribute
   */
  readonly engagementId: string;

  /**
   * The ARN of the engagement.
   *
   * @attribute
   */
  readonly engagementArn: string;
}

/** What identifies an existing engagement context, for {@link EngagementContext.fromEngagementContextAttributes}. */
export interface EngagementContextAttributes {
  /**
   * The ARN of the engagement the context belongs to
   * (`arn:<partition>:partnercentral:us-east-1::catalog/<catalog>/engagement/<engagement id>`).
   */
  readonly engagementArn: string;

  /** The id of the context within its engagement. */
  readonly engagementContextId: string;
}

/** Properties of an {@link EngagementContext}. */
export interface EngagementContextProps {
  /**
   * The catalog the engagement lives in.
   *
   * Changing it creates a new context.
   */
  readonly catalog: Catalog;

  /**
   * The engagement to add the context to: its id ("eng-" and 14 lower-case letters or digits) or
   * its ARN.
   *
   * Changing it creates a new context (in the other engagement).
   */
  readonly engagementIdentifier: string;

  /**
   * What the context holds: `EngagementContextPayload.customerProject(...)` or
   * `EngagementContextPayload.lead(...)`.
   *
   * A change of the payload's content is applied in place; a change of its kind (customer project
   * to lead or back) creates a new context.
   */
  readonly payload: EngagementContextPayload;

}

/**
 * A context of a Partner Central engagement (Partner Central Selling CreateEngagementContext): a
 * customer project or a lead that the engagement's members see.
 *
 * Resource type `Custom::PartnerCentralEngagementContext`. The handler calls Partner Central in
 * us-east-1, where the service lives, whatever the stack's region. A change of the payload's
 * content is applied in place (UpdateEngagementContext, with the engagement's last-modified time
 * as an optimistic-concurrency check, retried a few times when the engagement changes meanwhile).
 * A change of catalog, engagement, context type or client token creates a new context.
 *
 * Partner Central has no API to delete an engagement context. When the resource leaves the stack
 * or is replaced, nothing is deleted: the context remains in its engagement, and the handler logs
 * that it deleted nothing. There is therefore no `removalPolicy`.
 *
 * @resource Custom::PartnerCentralEngagementContext
 */
export class EngagementContext extends Resource implements IEngagementContext {
  /** Imports an existing engagement context by its engagement's ARN and its id. */
  public static fromEngagementContextAttributes(scope: Construct, id: string, attrs: EngagementContextAttributes): IEngagementContext {
    const engagementId = Token.isUnresolved(attrs.engagementArn)
      ? // arn:…::catalog/<catalog>/engagement/<id> split at "/" → [arn:…::catalog, <catalog>, engagement, <id>]
      Fn.select(3, Fn.split('/', attrs.engagementArn))
      : parseArn(scope, 'EngagementContext.fromEngagementContextAttributes', attrs.engagementArn, ENGAGEMENT_ARN)['engagement id'];
    class Import extends Resource implements IEngagementContext {
      public readonly engagementContextId = attrs.engagementContextId;
      public readonly engagementArn = attrs.engagementArn;
      public readonly engagementId = engagementId;
    }
    // The engagement ARN names no account (the service's ARN format has none): the region is
    // the ARN's, the account the stack's.
    return new Import(scope, id, { region: Arn.split(attrs.engagementArn, ArnFormat.NO_RESOURCE_NAME).region });
  }

  /**
   * The id of the context within its engagement.
   *
   * @attribute
   */
  public readonly engagementContextId: string;
  /**
   * The id of the engagement the context belongs to ("eng-…"): the engagement's, not the
   * context's, hence not prefixed with the construct's name.
   *
   * @attribute
   */
  public readonly engagementId: string;
  /**
   * The ARN of the engagement the context belongs to.
   *
   * @attribute
   */
  public readonly engagementArn: string;
  /** The context type, as the payload makes it. (Not `type`, a reserved word in Go.) */
  public readonly contextType: EngagementContextType;

  constructor(scope: Construct, id: string, props: EngagementContextProps) {
    super(scope, id);
    this.contextType = props.payload.contextType;

    requirePartnerCentralReach(this, props.engagementIdentifier);
    const engagement = engagementArn(props.catalog, props.engagementIdentifier);
    const resource = createApiResource(this, {
      spec: ENGAGEMENT_CONTEXT,
      properties: {
        Catalog: props.catalog,
        EngagementIdentifier: props.engagementIdentifier,
        Type: props.payload.contextType,
        Payload: props.payload._payload,
        // Always derived by the handler (docs/client-tokens.md).
        ClientToken: undefined,
      },
      // Nothing can be deleted (no API), so nothing needs retaining. DESTROY (CloudFormation's
      // default) still hands the Delete to the handler, which answers it and logs that nothing
      // was deleted.
      removalPolicy: RemovalPolicy.DESTROY,
      // A create or an update is a few calls; conflict retries and throttling add seconds.
      serviceTimeout: Duration.minutes(5),
      statements: engagementContextStatements(props.catalog, engagement),
      wildcardReasons: {
        [engagement]: 'the engagement is known only at deploy time here, so the actions are kept to the engagements of this one catalog',
      },
    });

    this.engagementContextId = resource.getAttString('ContextId');
    this.engagementId = resource.getAttString('EngagementId');
    this.engagementArn = resource.getAttString('EngagementArn');
  }

  /**
   * Sets the custom resource's DeletionPolicy and UpdateReplacePolicy. Nothing is deleted either
   * way (Partner Central has no API to delete a context): with DESTROY, the default, the handler
   * receives the Delete, deletes nothing and logs so; with RETAIN, CloudFormation does not even
   * send it. SNAPSHOT is rejected: CloudFormation snapshots no custom resource.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    checkRemovalPolicy(this, ENGAGEMENT_CONTEXT.construct, policy);
    super.applyRemovalPolicy(policy);
  }
}

/** The form of an engagement ARN (Partner Central's ARNs carry no account). */
const ENGAGEMENT_ARN = { names: 'engagement', form: 'arn:<partition>:partnercentral:<region>:<none>:catalog/<catalog>/engagement/<engagement id>' };

/**
 * The handler's permissions for one context. Statement ids must be unique within the policy: the
 * context statement names its catalog (statements that differ only in resources are merged by
 * the provider, so one GetEngagement statement lists every engagement).
 */
function engagementContextStatements(catalog: string, engagement: string): iam.PolicyStatement[] {
  return [
    // Documented (SAR): CreateEngagementContext and UpdateEngagementContext act on the Engagement
    // resource type, and take the partnercentral:Catalog condition key.
    new iam.PolicyStatement({
      sid: `PartnerCentralEngagementContexts${catalog}`,
      actions: ['partnercentral:CreateEngagementContext', 'partnercentral:UpdateEngagementContext'],
      resources: [engagement],
      conditions: { StringEquals: { 'partnercentral:Catalog': catalog } },
    }),
    // GetEngagement (the engagement's last-modified time, for updates) acts on the engagement
    // resource type: arn:<partition>:partnercentral:us-east-1::catalog/<catalog>/engagement/<id>.
    new iam.PolicyStatement({
      sid: 'PartnerCentralGetEngagement',
      actions: ['partnercentral:GetEngagement'],
      resources: [engagement],
    }),
  ];
}

/**
 * Fails for what the handler cannot reach. The Partner Central Selling API has one endpoint,
 * partnercentral-selling.us-east-1.api.aws in the aws partition (documented: AWS Partner Central
 * API reference, endpoints), which the handler calls whatever the stack's region: the stack may
 * be in any region of the aws partition, but not in another partition (China, GovCloud, ...),
 * whose credentials are not valid there; and an engagement ARN must name us-east-1.
 */
function requirePartnerCentralReach(scope: Construct, engagementIdentifier: string): void {
  const fail = (problem: string) => {
    throw new ValidationError(ValidationCode.ENVIRONMENT, ENGAGEMENT_CONTEXT.construct, scope, [problem]);
  };
  const region = Stack.of(scope).region;
  if (!Token.isUnresolved(region)) {
    const partition = RegionInfo.get(region).partition;
    if (partition !== undefined && partition !== 'aws') {
      fail(`the stack's region ${region} is in partition ${partition}; Partner Central is served only from ${PARTNER_CENTRAL_REGION} in the aws partition`);
    }
  }
  if (!Token.isUnresolved(engagementIdentifier) && engagementIdentifier.startsWith('arn:')) {
    const [, partition, , arnRegion] = engagementIdentifier.split(':');
    if (partition !== 'aws' || arnRegion !== PARTNER_CENTRAL_REGION) {
      fail(`engagementIdentifier must be an engagement of ${PARTNER_CENTRAL_REGION} in the aws partition, where Partner Central is served (got ${engagementIdentifier})`);
    }
  }
}

/**
 * The ARN of the engagement: the given one, one built from an id, or every engagement of the
 * catalog when the identifier is known only at deploy time (it may then be an id or an ARN).
 */
function engagementArn(catalog: string, engagementIdentifier: string): string {
  if (!Token.isUnresolved(engagementIdentifier) && engagementIdentifier.startsWith('arn:')) return engagementIdentifier;
  const id = Token.isUnresolved(engagementIdentifier) ? '*' : engagementIdentifier;
  return formatEngagementArn(Aws.PARTITION, catalog, id);
}

/** The object without its undefined members (the template leaves them out). */
function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
