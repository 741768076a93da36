import { ArnFormat, Aws, CfnResource, Duration, IResource, ITaggableV2, RemovalPolicy, Resource, Stack, TagManager, TagType, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { aws_connect as connectRefs, aws_directoryservice as directoryRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { checkGrantActions } from './private/grants';
import { ValidationCode, ValidationError } from './private/validation-error';
import { checkRemovalPolicy, createApiResource } from './private/api-resource';
import { matchArn, parseArn } from './private/arns';
import { ownedByThisStack, taggedForThisStack } from './private/ownership';
import { ConnectResourcesProvider } from './private/provider';
import { CONNECT_INSTANCE, ruleViolation } from './contract';

/** How the users of an Amazon Connect instance are identified: the API's IdentityManagementType. */
export enum IdentityManagementType {
  /** Users are managed in Amazon Connect. */
  CONNECT_MANAGED = 'CONNECT_MANAGED',
  /** Users sign in through a SAML 2.0 identity provider. */
  SAML = 'SAML',
  /** Users come from an existing AWS Directory Service directory. */
  EXISTING_DIRECTORY = 'EXISTING_DIRECTORY',
}

/**
 * How the users of an instance are identified, one factory per choice: a directory goes with
 * `existingDirectory(...)` and nothing else, so a contradictory pair cannot be written.
 */
export class IdentityManagement {
  /** Users are created and managed in Amazon Connect (the console's default). */
  public static connectManaged(): IdentityManagement {
    return new IdentityManagement(IdentityManagementType.CONNECT_MANAGED);
  }

  /** Users sign in through a SAML 2.0 identity provider. */
  public static saml(): IdentityManagement {
    return new IdentityManagement(IdentityManagementType.SAML);
  }

  /**
   * Users come from an existing AWS Directory Service directory: a `CfnMicrosoftAD` (or any
   * `IMicrosoftADRef`), or the directory's id ("d-" and 10 hex digits). The instance's alias is
   * then the directory's unless `instanceAlias` is given.
   */
  public static existingDirectory(directory: directoryRefs.IMicrosoftADRef | string): IdentityManagement {
    const directoryId = typeof directory === 'string' ? directory : directory.microsoftAdRef.microsoftAdId;
    return new IdentityManagement(IdentityManagementType.EXISTING_DIRECTORY, directoryId);
  }

  private constructor(
    /** The API's IdentityManagementType. */
    public readonly identityManagementType: IdentityManagementType,
    /** The directory's id, with `existingDirectory(...)`. */
    public readonly directoryId?: string,
  ) {}
}

/**
 * An Amazon Connect instance, created here or imported: its identity, grants and metrics.
 *
 * It is also an `IInstanceRef` of aws-cdk-lib's Connect L1s, so it can be passed wherever they
 * take an instance (`CfnContactFlow.instanceArn`, `CfnQueue.instanceArn`, ...). aws-cdk-lib has
 * these reference interfaces in every version of this library's peer range (from 2.258.0).
 */
export interface IConnectInstance extends IResource, connectRefs.IInstanceRef {
  /**
   * The id of the instance.
   *
   * @attribute
   */
  readonly instanceId: string;

  /**
   * The ARN of the instance.
   *
   * @attribute
   */
  readonly instanceArn: string;

  /**
   * The alias of the instance, where known: the `instanceAlias` prop of a ConnectInstance, or
   * the one given to `fromInstanceAttributes`.
   */
  readonly instanceAlias?: string;

  /** Grants on the instance and what it holds (contacts, flows, queues, users ...). */
  readonly grants: ConnectInstanceGrants;

  /**
   * A metric of the instance in CloudWatch's `AWS/Connect` namespace, by its name and metric
   * group (dimensions `InstanceId` and `MetricGroup`).
   */
  metric(metricName: string, metricGroup: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** The number of active voice calls at a time (ConcurrentCalls); maximum over 5 minutes by default. */
  metricConcurrentCalls(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** The share of the concurrent-calls quota in use, in percent (ConcurrentCallsPercentage); maximum over 5 minutes by default. */
  metricConcurrentCallsPercentage(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Voice calls rejected because the calls-per-second quota was exceeded (ThrottledCalls); sum over 5 minutes by default. */
  metricThrottledCalls(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Calls that rang an agent who did not answer (MissedCalls); sum over 5 minutes by default. */
  metricMissedCalls(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Voice calls that exceeded the concurrent-calls quota (CallsBreachingConcurrencyQuota); sum over 5 minutes by default. */
  metricCallsBreachingConcurrencyQuota(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Errors in one flow: an error branch taken (ContactFlowErrors, with the flow's name as the
   * `ContactFlowName` dimension); sum over 5 minutes by default.
   */
  metricContactFlowErrors(contactFlowName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Flows that failed to run (ContactFlowFatalErrors, by flow name); sum over 5 minutes by default. */
  metricContactFlowFatalErrors(contactFlowName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/**
 * Grants on an Amazon Connect instance and its sub-resources, as aws-cdk-lib's generated
 * `XxxGrants` classes give them (`QueueGrants.fromQueue(...)` in aws-sqs).
 *
 * Statements name the instance ARN and `<instance ARN>/*`: Connect's resource ARNs for contacts,
 * flows, queues, users and the rest lie under the instance's (Service Authorization Reference,
 * Amazon Connect, resource types).
 */
export class ConnectInstanceGrants {
  /** Grants on the given instance (a ConnectInstance, an import, or a `CfnInstance`). */
  public static fromInstance(instance: connectRefs.IInstanceRef): ConnectInstanceGrants {
    return new ConnectInstanceGrants(instance);
  }

  private constructor(private readonly instance: connectRefs.IInstanceRef) {}

  /**
   * Grants the given `connect:` actions on the instance and everything in it, and nothing else.
   */
  public actions(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    checkGrantActions(this.instance, 'ConnectInstanceGrants.actions', 'Amazon Connect', 'connect:StartOutboundVoiceContact', actions);
    const arn = this.instance.instanceRef.instanceArn;
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [arn, `${arn}/*`] });
  }

  /** Grants `connect:StartOutboundVoiceContact`: placing outbound calls from the instance's flows. */
  public startOutboundVoiceContact(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ['connect:StartOutboundVoiceContact']);
  }

  /** Grants `connect:StartTaskContact`: creating tasks in the instance. */
  public startTaskContact(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, ['connect:StartTaskContact']);
  }
}

/**
 * What is known of an existing instance, for {@link ConnectInstance.fromInstanceAttributes}: its
 * ARN and alias.
 */
export interface ConnectInstanceAttributes {
  /** The ARN of the instance (`arn:<partition>:connect:<region>:<account>:instance/<instance id>`). */
  readonly instanceArn: string;

  /**
   * The alias of the instance: 1–45 letters, digits or hyphens, not starting with "d-".
   *
   * @default - not known; the import's `instanceAlias` is undefined
   */
  readonly instanceAlias?: string;
}

/** Properties of a {@link ConnectInstance}. */
export interface ConnectInstanceProps {
  /**
   * How the instance's users are identified.
   *
   * Changing it creates a new instance. With `adoptInstance`, the adopted instance's type must be
   * this one (checked on Create); its directory is not checked (DescribeInstance does not give it).
   *
   * @default IdentityManagement.connectManaged()
   */
  readonly identityManagement?: IdentityManagement;

  /**
   * Whether the instance accepts inbound calls (CfnInstance `attributes.inboundCalls`).
   *
   * Sent with CreateInstance; changed in place with UpdateInstanceAttribute INBOUND_CALLS.
   *
   * @default true - as the console's instance setup offers it; required with `adoptInstance`
   */
  readonly inboundCallsEnabled?: boolean;

  /**
   * Whether the instance can make outbound calls (CfnInstance `attributes.outboundCalls`).
   *
   * Sent with CreateInstance; changed in place with UpdateInstanceAttribute OUTBOUND_CALLS.
   *
   * @default true - as the console's instance setup offers it; required with `adoptInstance`
   */
  readonly outboundCallsEnabled?: boolean;

  /**
   * Whether agents are muted while a contact is on hold.
   *
   * CfnInstance `attributes.autoMuteAgentOnHold`; the API's attribute type AUTO_MUTE_AGENT_ON_HOLD, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   * When true, Connect mutes agents while they are on hold and unmutes them when they resume the contact;
   * agents cannot change their mute state while on hold (documented: UpdateInstanceAttribute, AttributeType).
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly autoMuteAgentOnHoldEnabled?: boolean;

  /**
   * Whether Connect picks the best available Amazon Polly voice engine for a voice.
   *
   * CfnInstance `attributes.autoResolveBestVoices`; the API's attribute type AUTO_RESOLVE_BEST_VOICES, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly autoResolveBestVoicesEnabled?: boolean;

  /**
   * Whether flow logs are written to Amazon CloudWatch Logs.
   *
   * CfnInstance `attributes.contactflowLogs`; the API's attribute type CONTACTFLOW_LOGS, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   * Connect creates the log group itself (the handler's role needs `logs:CreateLogGroup`, per the
   * Service Authorization Reference's dependent actions of UpdateInstanceAttribute).
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly contactflowLogsEnabled?: boolean;

  /**
   * Whether Contact Lens (conversational analytics) is available to the instance's flows.
   *
   * CfnInstance `attributes.contactLens`; the API's attribute type CONTACT_LENS, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly contactLensEnabled?: boolean;

  /**
   * Whether agents hear the audio of an outbound call before it is answered (ringing, busy tones, carrier messages).
   *
   * CfnInstance `attributes.earlyMedia`; the API's attribute type EARLY_MEDIA, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly earlyMediaEnabled?: boolean;

  /**
   * Whether supervisors get the enhanced monitoring capabilities (such as barge-in) on chats.
   *
   * CfnInstance `attributes.enhancedChatMonitoring`; the API's attribute type ENHANCED_CHAT_MONITORING, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly enhancedChatMonitoringEnabled?: boolean;

  /**
   * Whether supervisors get the enhanced monitoring capabilities (such as barge-in) on voice contacts.
   *
   * CfnInstance `attributes.enhancedContactMonitoring`; the API's attribute type ENHANCED_CONTACT_MONITORING, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly enhancedContactMonitoringEnabled?: boolean;

  /**
   * Whether the instance may place high-volume outbound communications (outbound campaigns).
   *
   * CfnInstance `attributes.highVolumeOutBound`; the API's attribute type HIGH_VOLUME_OUTBOUND, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   * Spelled as CfnInstance.AttributesProperty spells it (`highVolumeOutBound`).
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly highVolumeOutBoundEnabled?: boolean;

  /**
   * Whether chat messages are streamed to Amazon Lex as they arrive.
   *
   * CfnInstance `attributes.messageStreaming`; the API's attribute type MESSAGE_STREAMING, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   * The Lex bot alias's resource-based policy must then allow `lex:RecognizeMessageAsync` for the
   * instance ARN (documented: UpdateInstanceAttribute, AttributeType).
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly messageStreamingEnabled?: boolean;

  /**
   * Whether more than two agents can join a chat.
   *
   * CfnInstance `attributes.multiPartyChatConference`; the API's attribute type MULTI_PARTY_CHAT_CONFERENCE, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly multiPartyChatConferenceEnabled?: boolean;

  /**
   * Whether more than three parties can join a call.
   *
   * CfnInstance `attributes.multiPartyConference`; the API's attribute type MULTI_PARTY_CONFERENCE, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly multiPartyConferenceEnabled?: boolean;

  /**
   * Whether flows can use custom text-to-speech voices.
   *
   * CfnInstance `attributes.useCustomTtsVoices`; the API's attribute type USE_CUSTOM_TTS_VOICES, set with
   * UpdateInstanceAttribute once the instance is ACTIVE and changed in place.
   * Only allow-listed accounts may set it; ask AWS Support first (documented: UpdateInstanceAttribute,
   * AttributeType). Otherwise the call fails and so does the deployment.
   *
   * @default - not managed: nothing is called and the service's default applies (the Connect API
   * reference does not state it); removing the prop later leaves the attribute as last set
   */
  readonly useCustomTtsVoicesEnabled?: boolean;

  /**
   * The name of the instance, part of its access URL: 1–45 letters, digits or hyphens, not
   * starting with "d-".
   *
   * Changing it creates a new instance. Aliases are unique and CloudFormation creates a
   * replacement before it deletes the old instance, so a change that creates a new instance
   * (identity management) must change the alias too: an update
   * that keeps it fails at once and creates nothing.
   *
   * @default - none; the directory's alias is used with `EXISTING_DIRECTORY`
   */
  readonly instanceAlias?: string;


  /**
   * Tags of the instance (at most 49: the handler adds its ownership tag), merged with tags applied through `Tags.of(...)`.
   * Updated in place.
   * Keys of 1–128 letters, digits, spaces or `_.:/=+-@`, not starting with "aws:"; values of at
   * most 256 characters (Amazon Connect's tag rules).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * What happens to the instance when it leaves the stack or is replaced.
   *
   * Instance creations and deletions count against a quota of 100 per 30 days per account.
   * For an adopted instance (`adoptInstance`), only an explicit `RemovalPolicy.DESTROY` deletes
   * it; by default it is kept (`RETAIN_ON_UPDATE_OR_DELETE`), and only the rollback of its
   * adoption reaches the handler, which then hands the instance back as it found it. CloudFormation
   * sends the same Delete for a rollback as for a removal, so with DESTROY the rollback of the
   * deploy that adopts the instance deletes it: choose DESTROY in a later deploy.
   *
   * @default RemovalPolicy.RETAIN, or RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE with `adoptInstance`
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * An existing instance to bring under this stack instead of creating one: its id, or its ARN
   * (`arn:<partition>:connect:<region>:<account>:instance/<id>`, in the stack's account and
   * region). A value known only at deploy time is taken as the id.
   *
   * On Create the handler checks that the instance exists, is ACTIVE, has the identity
   * management type of `identityManagement` (whose default, `connectManaged()`, applies here too)
   * and, when given, this `instanceAlias`, and carries no other stack's ownership tag (the error
   * names that owner); then one TagResource marks it as this stack's, and the attributes and tags
   * are brought to these props in place. `inboundCallsEnabled` and `outboundCallsEnabled` must be
   * given with it: their default (true) would turn calls on in an instance that has them off.
   * From then on it is managed like a created instance. Changing it adopts another instance. See
   * README, "Adopting an existing instance".
   *
   * @default - a new instance is created
   */
  readonly adoptInstance?: string;
}

/** What a ConnectInstance and an imported instance share: grants and metrics. */
abstract class ConnectInstanceBase extends Resource implements IConnectInstance {
  public abstract readonly instanceId: string;
  public abstract readonly instanceArn: string;
  public abstract readonly instanceAlias?: string;

  /** The instance as aws-cdk-lib's Connect L1s reference it (`IInstanceRef`). */
  public get instanceRef(): connectRefs.InstanceReference {
    return { instanceArn: this.instanceArn };
  }

  /** Grants on the instance and what it holds. */
  public get grants(): ConnectInstanceGrants {
    return ConnectInstanceGrants.fromInstance(this);
  }

  // The namespace, metric names, metric groups and dimensions are those the Amazon Connect
  // Administrator Guide documents ("Monitoring your instance using CloudWatch",
  // https://docs.aws.amazon.com/connect/latest/adminguide/monitoring-cloudwatch.html): namespace
  // AWS/Connect; ConcurrentCalls, ConcurrentCallsPercentage, ThrottledCalls, MissedCalls and
  // CallsBreachingConcurrencyQuota with the dimensions InstanceId and MetricGroup = VoiceCalls;
  // ContactFlowErrors and ContactFlowFatalErrors with InstanceId, MetricGroup = ContactFlow and
  // ContactFlowName. Connect sends them once a minute.

  public metric(metricName: string, metricGroup: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/Connect',
      metricName,
      ...props,
      dimensionsMap: { InstanceId: this.instanceId, MetricGroup: metricGroup, ...props?.dimensionsMap },
    }).attachTo(this);
  }

  public metricConcurrentCalls(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ConcurrentCalls', 'VoiceCalls', { statistic: cloudwatch.Stats.MAXIMUM, ...props });
  }

  public metricConcurrentCallsPercentage(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ConcurrentCallsPercentage', 'VoiceCalls', { statistic: cloudwatch.Stats.MAXIMUM, ...props });
  }

  public metricThrottledCalls(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ThrottledCalls', 'VoiceCalls', { statistic: cloudwatch.Stats.SUM, ...props });
  }

  public metricMissedCalls(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('MissedCalls', 'VoiceCalls', { statistic: cloudwatch.Stats.SUM, ...props });
  }

  public metricCallsBreachingConcurrencyQuota(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('CallsBreachingConcurrencyQuota', 'VoiceCalls', { statistic: cloudwatch.Stats.SUM, ...props });
  }

  public metricContactFlowErrors(contactFlowName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ContactFlowErrors', 'ContactFlow', { statistic: cloudwatch.Stats.SUM, ...props, dimensionsMap: { ContactFlowName: contactFlowName, ...props?.dimensionsMap } });
  }

  public metricContactFlowFatalErrors(contactFlowName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ContactFlowFatalErrors', 'ContactFlow', { statistic: cloudwatch.Stats.SUM, ...props, dimensionsMap: { ContactFlowName: contactFlowName, ...props?.dimensionsMap } });
  }
}

/**
 * An Amazon Connect instance (Connect CreateInstance), ready (ACTIVE) once the resource is created.
 *
 * Resource type `Custom::ConnectInstance`. Every instance attribute of the Connect API is a flat
 * `<attribute>Enabled` prop named after CfnInstance.AttributesProperty; attributes and tags are
 * updated in place; a change of identity management or alias creates a new instance and
 * CloudFormation deletes the old one (unless retained, the default).
 *
 * @resource Custom::ConnectInstance
 */
export class ConnectInstance extends ConnectInstanceBase implements ITaggableV2 {
  /** Imports an existing instance by its ARN (`arn:<partition>:connect:<region>:<account>:instance/<instance id>`). */
  public static fromInstanceArn(scope: Construct, id: string, instanceArn: string): IConnectInstance {
    return importInstance(scope, id, 'ConnectInstance.fromInstanceArn', { instanceArn });
  }

  /**
   * Imports an existing instance by its ARN, with its alias where known.
   *
   * As with `fromInstanceArn`, the account and region are the ARN's; constructs given the
   * instance refuse it when they are those of another account or region than their stack.
   * Literal values are checked: the ARN must name an instance, the alias must be one the service
   * takes.
   */
  public static fromInstanceAttributes(scope: Construct, id: string, attrs: ConnectInstanceAttributes): IConnectInstance {
    return importInstance(scope, id, 'ConnectInstance.fromInstanceAttributes', attrs);
  }

  /**
   * The id of the instance.
   *
   * @attribute
   */
  public readonly instanceId: string;
  /**
   * The ARN of the instance.
   *
   * @attribute
   */
  public readonly instanceArn: string;
  /**
   * When the instance was created, as ISO-8601 text in UTC (`2026-11-30T09:15:02.123Z`), like
   * CfnInstance's `attrCreatedTime`.
   *
   * @attribute
   */
  public readonly instanceCreatedTime: string;
  /**
   * The ARN of the instance's service-linked role, like CfnInstance's `attrServiceRole`.
   *
   * @attribute
   */
  public readonly instanceServiceRoleArn: string;
  /** The alias of the instance, as given (`instanceAlias`); undefined when none was given. */
  public readonly instanceAlias?: string;
  /** Tags of the instance; `Tags.of(...)` adds to them. */
  public readonly cdkTagManager: TagManager;

  /** The adopted instance (`adoptInstance`), if any. */
  private readonly adopted?: { readonly id: string; readonly arn: string };
  /** Whether DESTROY was chosen for the adopted instance: then its Delete is granted and asked for. */
  private destroyAdopted = false;
  private destroyGranted = false;
  /** Why each wildcard resource of the handler's grants for this instance is one (cdk-nag acknowledgements). */
  private readonly wildcardReasons: { readonly [resource: string]: string };

  constructor(scope: Construct, id: string, props: ConnectInstanceProps = {}) {
    super(scope, id);
    this.cdkTagManager = new TagManager(TagType.MAP, CONNECT_INSTANCE.resourceType, props.tags);
    const identityManagement = props.identityManagement ?? IdentityManagement.connectManaged();

    // Documented (admin guide, connect-slr): Connect's service-linked roles are named
    // AWSServiceRoleForAmazonConnect_<unique id> under this path.
    const serviceLinkedRoles = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect*`;
    const instances = Stack.of(this).formatArn({ service: 'connect', resource: 'instance', resourceName: '*' });
    const directories = Stack.of(this).formatArn({ service: 'ds', resource: 'directory', resourceName: '*' });
    // Documented (admin guide, contact flow logs): flow logs go to /aws/connect/<instance alias>.
    const flowLogGroups = Stack.of(this).formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/connect/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const wildcardReasons: { [resource: string]: string } = {
      '*': 'connect:CreateInstance and the Directory Service actions Connect performs for the caller (CheckAlias, CreateDirectory, CreateIdentityPoolDirectory, DescribeDirectories, AuthorizeApplication, UnauthorizeApplication) support no resource-level permissions; CreateInstance is conditioned on the ownership tag, the Directory Service actions on this region',
      [instances]: 'the instance id is known only once CreateInstance has answered; the actions are limited to instances of this account and region, DeleteInstance further to those carrying this stack\'s ownership tag',
      [directories]: 'the directory is created by Connect during CreateInstance, its id unknown beforehand; limited to directories of this account and region',
      [flowLogGroups]: "Connect names the flow log group after the instance alias; limited to Connect's log group prefix in this account and region",
      [serviceLinkedRoles]: "Connect's service-linked roles have generated names with this fixed prefix and path; creation is further limited to the connect.amazonaws.com service name",
    };
    this.adopted = props.adoptInstance === undefined ? undefined : adoptedInstance(this, { ...props, adoptInstance: props.adoptInstance });
    const removalPolicy = props.removalPolicy ?? (this.adopted ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.RETAIN);
    this.destroyAdopted = this.adopted !== undefined && removalPolicy === RemovalPolicy.DESTROY;
    const statements = this.adopted
      ? [
        // Adoption: the first step (DescribeInstance, ListInstanceAttributes, then TagResource
        // with the ownership tag) acts on an instance that does not carry the tag yet, so it
        // cannot be conditioned on it; it is granted on that one instance, and nothing else.
        // ListInstanceAttributes is granted nowhere else, and the handler calls it before it
        // tags: a forged Create naming another instance fails before anything is changed, even in
        // a stack whose created instances let the role tag `instance/*`.
        new iam.PolicyStatement({
          sid: 'ConnectAdoptInstance',
          actions: ['connect:DescribeInstance', 'connect:ListInstanceAttributes', 'connect:UpdateInstanceAttribute', 'connect:TagResource', 'connect:UntagResource'],
          resources: [this.adopted.arn],
        }),
      ]
      : [
        // CreateInstance supports no resource-level permissions, but aws:RequestTag (documented):
        // the handler always sends the ownership tag.
        new iam.PolicyStatement({ sid: 'ConnectCreateInstance', actions: ['connect:CreateInstance'], resources: ['*'], conditions: taggedForThisStack() }),
        new iam.PolicyStatement({
          sid: 'ConnectManageInstances',
          actions: ['connect:DescribeInstance', 'connect:UpdateInstanceAttribute', 'connect:TagResource', 'connect:UntagResource'],
          resources: [instances],
        }),
        ...deleteStatements(this, instances),
        // The instance's service-linked role, created on first use.
        new iam.PolicyStatement({
          sid: 'ConnectServiceLinkedRole',
          actions: ['iam:CreateServiceLinkedRole'],
          resources: [serviceLinkedRoles],
          conditions: { StringEquals: { 'iam:AWSServiceName': 'connect.amazonaws.com' } },
        }),
      ];
    const resource = createApiResource(this, {
      spec: CONNECT_INSTANCE,
      properties: {
        IdentityManagementType: identityManagement.identityManagementType,
        InstanceAlias: props.instanceAlias,
        DirectoryId: identityManagement.directoryId,
        InboundCallsEnabled: props.inboundCallsEnabled ?? true,
        OutboundCallsEnabled: props.outboundCallsEnabled ?? true,
        AutoMuteAgentOnHoldEnabled: props.autoMuteAgentOnHoldEnabled,
        AutoResolveBestVoicesEnabled: props.autoResolveBestVoicesEnabled,
        ContactflowLogsEnabled: props.contactflowLogsEnabled,
        ContactLensEnabled: props.contactLensEnabled,
        EarlyMediaEnabled: props.earlyMediaEnabled,
        EnhancedChatMonitoringEnabled: props.enhancedChatMonitoringEnabled,
        EnhancedContactMonitoringEnabled: props.enhancedContactMonitoringEnabled,
        HighVolumeOutBoundEnabled: props.highVolumeOutBoundEnabled,
        MessageStreamingEnabled: props.messageStreamingEnabled,
        MultiPartyChatConferenceEnabled: props.multiPartyChatConferenceEnabled,
        MultiPartyConferenceEnabled: props.multiPartyConferenceEnabled,
        UseCustomTtsVoicesEnabled: props.useCustomTtsVoicesEnabled,
        Tags: props.tags,
        // Always derived by the handler (docs/client-tokens.md); see CHANGELOG for why it is no prop.
        ClientToken: undefined,
        InstanceId: this.adopted?.id,
        // A literal, not a Lazy: a token among the properties would skip the synth-time cross
        // checks. applyRemovalPolicy changes it later with a property override.
        DestroyAdopted: this.destroyAdopted ? true : undefined,
      },
      tags: this.cdkTagManager,
      removalPolicy,
      // Creating an instance typically takes one to three minutes.
      serviceTimeout: Duration.minutes(30),
      // Every row is listed, with its source, in docs/permissions.md (a test compares them).
      wildcardReasons,
      statements: [
        ...statements,
        // iam:AWSServiceName applies to CreateServiceLinkedRole only (documented); the role ARN
        // pattern is what narrows these (dependent actions of CreateInstance and UpdateInstanceAttribute).
        new iam.PolicyStatement({ sid: 'ConnectServiceLinkedRolePolicy', actions: ['iam:PutRolePolicy', 'iam:AttachRolePolicy'], resources: [serviceLinkedRoles] }),
        // A dependent action of UpdateInstanceAttribute (SAR), for flow logs.
        new iam.PolicyStatement({ sid: 'ConnectFlowLogGroup', actions: ['logs:CreateLogGroup'], resources: [flowLogGroups] }),
      ],
    });
    this.wildcardReasons = wildcardReasons;
    if (this.destroyAdopted) this.grantDestroyAdopted();

    this.instanceId = resource.getAttString('Id');
    this.instanceArn = resource.getAttString('Arn');
    this.instanceCreatedTime = resource.getAttString('CreatedTime');
    this.instanceServiceRoleArn = resource.getAttString('ServiceRole');
    this.instanceAlias = props.instanceAlias;
  }

  /**
   * Sets the custom resource's DeletionPolicy and UpdateReplacePolicy: RETAIN keeps the instance
   * when it leaves the stack or is replaced, DESTROY deletes it. SNAPSHOT is rejected: CloudFormation
   * snapshots no custom resource.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    checkRemovalPolicy(this, CONNECT_INSTANCE.construct, policy);
    super.applyRemovalPolicy(policy);
    if (this.adopted) {
      this.destroyAdopted = policy === RemovalPolicy.DESTROY;
      const resource = this.node.defaultChild as CfnResource;
      if (this.destroyAdopted) {
        resource.addPropertyOverride('DestroyAdopted', true);
        this.grantDestroyAdopted();
      } else {
        resource.addPropertyDeletionOverride('DestroyAdopted');
      }
    }
  }

  /** An adopted instance under DESTROY: the handler may delete it (and what DeleteInstance needs); granted once. */
  private grantDestroyAdopted(): void {
    if (this.destroyGranted) return;
    this.destroyGranted = true;
    ConnectResourcesProvider.of(this).grant(deleteStatements(this, this.adopted!.arn), this.wildcardReasons);
  }
}

/**
 * DeleteInstance on the given instances, conditioned on this stack's ownership tag, with the
 * Directory Service actions Connect performs as the caller (the SAR's dependent actions of
 * CreateInstance and DeleteInstance).
 */
function deleteStatements(scope: Construct, instances: string): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  return [
    new iam.PolicyStatement({ sid: 'ConnectDeleteOwnInstances', actions: ['connect:DeleteInstance'], resources: [instances], conditions: ownedByThisStack() }),
    new iam.PolicyStatement({
      sid: 'ConnectInstanceDirectoryUnscoped',
      actions: ['ds:CheckAlias', 'ds:CreateDirectory', 'ds:CreateIdentityPoolDirectory', 'ds:DescribeDirectories', 'ds:AuthorizeApplication', 'ds:UnauthorizeApplication'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:RequestedRegion': stack.region } },
    }),
    // These two act on one directory (they take its id): scoped to directory ARNs (assumed
    // to be their resource type, as for every Directory Service action that takes a DirectoryId).
    new iam.PolicyStatement({ sid: 'ConnectInstanceDirectory', actions: ['ds:CreateAlias', 'ds:DeleteDirectory'], resources: [stack.formatArn({ service: 'ds', resource: 'directory', resourceName: '*' })] }),
  ];
}

/**
 * The instance `adoptInstance` names: a literal ARN must be an instance ARN of the stack's
 * account and region (the handler reaches no other); anything else is the instance id. The call
 * flags must be given: their defaults (true) are a choice for a new instance, and would otherwise
 * turn calls on in an instance that has them off.
 */
function adoptedInstance(scope: Construct, props: ConnectInstanceProps & { readonly adoptInstance: string }): { id: string; arn: string } {
  const instance = props.adoptInstance;
  const stack = Stack.of(scope);
  const problem = (code: ValidationCode, message: string) => new ValidationError(code, CONNECT_INSTANCE.construct, scope, [message]);
  // An empty value would read as "not given" and create an instance instead.
  if (instance === '') throw problem(ValidationCode.SPEC, 'adoptInstance must be an instance id or ARN (got "")');
  const unstated = (['inboundCallsEnabled', 'outboundCallsEnabled'] as const).filter((name) => props[name] === undefined);
  if (unstated.length > 0) {
    throw problem(ValidationCode.SPEC, `${unstated.join(' and ')} must be given with adoptInstance, as the instance should have ${unstated.length > 1 ? 'them' : 'it'}: the default (true) would be applied to the adopted instance`);
  }
  if (Token.isUnresolved(instance) || !instance.startsWith('arn:')) {
    return { id: instance, arn: stack.formatArn({ service: 'connect', resource: 'instance', resourceName: instance }) };
  }
  const parts = matchArn(instance, INSTANCE_ARN);
  if (!parts) throw problem(ValidationCode.ARN, `adoptInstance must be an instance id or an instance ARN, ${INSTANCE_ARN.form} (got ${JSON.stringify(instance)})`);
  for (const part of ['region', 'account'] as const) {
    const ours = stack[part];
    if (!Token.isUnresolved(ours) && parts[part] !== ours) {
      throw problem(ValidationCode.ENVIRONMENT, `adoptInstance is in ${part} ${parts[part]}, the stack in ${ours}; the handler reaches instances of its own account and region only`);
    }
  }
  return { id: parts['instance id'], arn: instance };
}

/** The form of an instance ARN. */
const INSTANCE_ARN = { names: 'instance', form: 'arn:<partition>:connect:<region>:<account>:instance/<instance id>' };

/**
 * The import behind `fromInstanceArn` and `fromInstanceAttributes`: the instance id from the ARN
 * (an `Fn::Select` when the ARN is a token), the environment from the ARN, and the alias checked
 * against the rule CreateInstance applies to it.
 */
function importInstance(scope: Construct, id: string, method: string, attrs: ConnectInstanceAttributes): IConnectInstance {
  const instanceId = Token.isUnresolved(attrs.instanceArn)
    ? Stack.of(scope).splitArn(attrs.instanceArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!
    : parseArn(scope, method, attrs.instanceArn, INSTANCE_ARN)['instance id'];
  const alias = attrs.instanceAlias;
  const problem = alias === undefined || Token.isUnresolved(alias) ? undefined : ruleViolation(CONNECT_INSTANCE.properties.InstanceAlias.rule, alias);
  if (problem) throw new ValidationError(ValidationCode.SPEC, method, scope, [`instanceAlias ${problem}`]);

  class Import extends ConnectInstanceBase {
    public readonly instanceArn = attrs.instanceArn;
    public readonly instanceId = instanceId;
    public readonly instanceAlias = attrs.instanceAlias;
  }
  return new Import(scope, id, { environmentFromArn: attrs.instanceArn });
}
