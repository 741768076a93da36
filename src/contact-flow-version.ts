import { Duration, Fn, IResource, RemovalPolicy, Resource, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { aws_connect as connectRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { IConnectInstance } from './connect-instance';
import { checkRemovalPolicy, createApiResource } from './private/api-resource';
import { parseArn } from './private/arns';
import { instanceScope, requireReachable, requireSameEnvironment } from './private/instance-scope';
import { CONNECT_FLOW_VERSION } from './contract';

/**
 * A published version of an Amazon Connect flow, created here or imported. It is also an
 * `IContactFlowVersionRef` of aws-cdk-lib's Connect L1s.
 */
export interface IContactFlowVersion extends IResource, connectRefs.IContactFlowVersionRef {
  /**
   * The ARN of the flow version: the flow's ARN with the version number as qualifier
   * (`arn:<partition>:connect:<region>:<account>:instance/<instance id>/contact-flow/<flow id>:<version>`).
   *
   * @attribute
   */
  readonly contactFlowVersionArn: string;

  /**
   * The version number, as text.
   *
   * @attribute
   */
  readonly contactFlowVersionNumber: string;
}

/** Properties of a {@link ContactFlowVersion}. */
export interface ContactFlowVersionProps {
  /** The instance the flow belongs to. */
  readonly instance: IConnectInstance;

  /**
   * The flow to publish a version of: a `CfnContactFlow` (or any `IContactFlowRef`), or the
   * flow's id or ARN. The flow must be of type CAMPAIGN: Amazon Connect publishes versions of
   * campaign flows only.
   */
  readonly contactFlow: connectRefs.IContactFlowRef | string;

  /**
   * The description of the version, at most 450 characters.
   *
   * The handler appends a short reference (`[cdk-connect-resources <16 hex digits>]`) by which it
   * recognises the version as this resource's own: the API takes no idempotency token, and this
   * is how a repeated request finds the version it already published instead of publishing another.
   *
   * @default - no description besides the reference
   */
  readonly description?: string;

  /**
   * The SHA-256 checksum (64 letters or digits) of the flow content to publish. Publishing fails
   * when it differs from that of the flow's $LATEST published content, so that the version holds
   * exactly the content you reviewed.
   *
   * @default - whatever content the flow has when the version is published
   */
  readonly flowContentSha256?: string;

  /**
   * The number of the version to publish, from 1 up to 9007199254740991 (the API takes a long,
   * up to 2^63 - 1, but numbers above 2^53 - 1 cannot pass through JavaScript exactly).
   * Version numbers only grow and are never reused: a number at or below the flow's latest
   * version fails.
   *
   * @default - one above the flow's highest version
   */
  readonly contactFlowVersionNumber?: number;

  /**
   * The AWS Region the version's content was last modified in, for example "us-west-2".
   *
   * @default - not recorded
   */
  readonly lastModifiedRegion?: string;

  /**
   * When the version's content was last modified; whole seconds are kept. From
   * 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
   *
   * @default - not recorded
   */
  readonly lastModifiedTime?: Date;

  /**
   * What happens to the version when it leaves the stack or is replaced.
   *
   * Retained by default: published versions are history that campaigns may still point at.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An immutable, published version of an Amazon Connect flow (Connect CreateContactFlowVersion).
 *
 * Resource type `Custom::ConnectFlowVersion`. Versions cannot be changed: a change of any
 * property publishes a new version, and CloudFormation deletes the old one (unless retained, the
 * default). The physical id (`Ref`) is the version's ARN.
 *
 * CreateContactFlowVersion takes no idempotency token. The handler publishes with an explicit
 * version number and reads the flow's versions back, so that a repeated request (a retried
 * event, a retried call whose answer was lost) ends with one version, not two.
 *
 * @resource Custom::ConnectFlowVersion
 */
export class ContactFlowVersion extends Resource implements IContactFlowVersion {
  /**
   * Imports a flow version by its ARN
   * (`arn:<partition>:connect:<region>:<account>:instance/<instance id>/contact-flow/<flow id>:<version>`).
   */
  public static fromContactFlowVersionArn(scope: Construct, id: string, contactFlowVersionArn: string): IContactFlowVersion {
    const version = Token.isUnresolved(contactFlowVersionArn)
      ? // arn : partition : connect : region : account : instance/<id>/contact-flow/<id> : version
      Fn.select(6, Fn.split(':', contactFlowVersionArn))
      : parseArn(scope, 'ContactFlowVersion.fromContactFlowVersionArn', contactFlowVersionArn, CONTACT_FLOW_VERSION_ARN).version;
    class Import extends Resource implements IContactFlowVersion {
      public readonly contactFlowVersionArn = contactFlowVersionArn;
      public readonly contactFlowVersionNumber = version;
      public get contactFlowVersionRef(): connectRefs.ContactFlowVersionReference {
        return { contactFlowVersionArn: this.contactFlowVersionArn };
      }
    }
    return new Import(scope, id, { environmentFromArn: contactFlowVersionArn });
  }

  /**
   * The ARN of the flow version (`<flow ARN>:<version>`).
   *
   * @attribute
   */
  public readonly contactFlowVersionArn: string;
  /**
   * The version number the service gave the version, as text.
   *
   * @attribute
   */
  public readonly contactFlowVersionNumber: string;

  /** The version as aws-cdk-lib's Connect L1s reference it (`IContactFlowVersionRef`). */
  public get contactFlowVersionRef(): connectRefs.ContactFlowVersionReference {
    return { contactFlowVersionArn: this.contactFlowVersionArn };
  }

  constructor(scope: Construct, id: string, props: ContactFlowVersionProps) {
    super(scope, id);

    requireSameEnvironment(this, CONNECT_FLOW_VERSION.construct, props.instance);
    requireReachable(this, CONNECT_FLOW_VERSION.construct, 'contactFlow', props.contactFlow);
    const instance = instanceScope(this, props.instance);
    const contactFlow = typeof props.contactFlow === 'string' ? props.contactFlow : props.contactFlow.contactFlowRef.contactFlowArn;
    const resource = createApiResource(this, {
      spec: CONNECT_FLOW_VERSION,
      properties: {
        InstanceId: props.instance.instanceId,
        ContactFlowId: contactFlow,
        Description: props.description,
        FlowContentSha256: props.flowContentSha256,
        ContactFlowVersion: props.contactFlowVersionNumber,
        LastModifiedRegion: props.lastModifiedRegion,
        LastModifiedTime: epochSeconds(props.lastModifiedTime),
      },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      // A publish is one call and a few reads; minutes only when the service throttles.
      serviceTimeout: Duration.minutes(5),
      statements: [
        new iam.PolicyStatement({
          sid: 'ConnectFlowVersions',
          actions: ['connect:CreateContactFlowVersion', 'connect:ListContactFlowVersions', 'connect:DescribeContactFlow', 'connect:DeleteContactFlowVersion'],
          resources: [`${instance.arn}/contact-flow/*`],
        }),
      ],
      wildcardReasons: {
        // A flow version's ARN is `<flow ARN>:<version>`, and the flow may be known only at deploy time.
        [`${instance.arn}/contact-flow/*`]: `flow versions are numbered by the service; kept to the flows of ${instance.describe}`,
      },
    });

    this.contactFlowVersionArn = resource.ref;
    this.contactFlowVersionNumber = resource.getAttString('Version');
  }

  /**
   * Sets the custom resource's DeletionPolicy and UpdateReplacePolicy: RETAIN keeps the version
   * when it leaves the stack or is replaced, DESTROY deletes it. SNAPSHOT is rejected: CloudFormation
   * snapshots no custom resource.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    checkRemovalPolicy(this, CONNECT_FLOW_VERSION.construct, policy);
    super.applyRemovalPolicy(policy);
  }
}

/** The form of a flow version ARN. */
const CONTACT_FLOW_VERSION_ARN = {
  names: 'flow version',
  form: 'arn:<partition>:connect:<region>:<account>:instance/<instance id>/contact-flow/<flow id>:<version>',
};

/** The template carries LastModifiedTime as epoch seconds; an invalid Date is left for validation to report. */
function epochSeconds(time: Date | undefined): number | string | undefined {
  if (time === undefined) return undefined;
  const ms = time.getTime();
  return Number.isNaN(ms) ? 'Invalid Date' : Math.floor(ms / 1000);
}
