import { ArnFormat, Aws, Duration, IResource, ITaggable, RemovalPolicy, Resource, Stack, TagManager, TagType } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { aws_connect as connectRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
import { checkRemovalPolicy, createApiResource } from './private/api-resource';
import { CONNECT_INSTANCE } from './spec';

/** How the users of an Amazon Connect instance are identified. */
export enum IdentityManagementType {
  /** Users are managed in Amazon Connect. */
  CONNECT_MANAGED = 'CONNECT_MANAGED',
  /** Users sign in through a SAML 2.0 identity provider. */
  SAML = 'SAML',
  /** Users come from an existing AWS Directory Service directory (give `directoryId`). */
  EXISTING_DIRECTORY = 'EXISTING_DIRECTORY',
}

/**
 * An Amazon Connect instance, created here or imported.
 *
 * It is also an `IInstanceRef` of aws-cdk-lib's Connect L1s, so it can be passed wherever they
 * take an instance (`CfnContactFlow.instanceArn`, `CfnQueue.instanceArn`, ...). aws-cdk-lib has
 * these reference interfaces in every version of this library's peer range (from 2.257.0).
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
}

/** Properties of a {@link ConnectInstance}. */
export interface ConnectInstanceProps {
  /**
   * How the instance's users are identified.
   *
   * Changing it creates a new instance.
   */
  readonly identityManagementType: IdentityManagementType;

  /** Whether the instance accepts inbound calls. Updated in place. */
  readonly inboundCallsEnabled: boolean;

  /** Whether the instance can make outbound calls. Updated in place. */
  readonly outboundCallsEnabled: boolean;

  /**
   * The name of the instance, part of its access URL: 1–45 letters, digits or hyphens, not
   * starting with "d-".
   *
   * Changing it creates a new instance.
   *
   * @default - none; the directory's alias is used with `EXISTING_DIRECTORY`
   */
  readonly instanceAlias?: string;

  /**
   * The id of the AWS Directory Service directory whose users sign in ("d-" and 10 hex digits).
   * Required with, and only with, `IdentityManagementType.EXISTING_DIRECTORY`.
   *
   * Changing it creates a new instance.
   *
   * @default - no directory
   */
  readonly directoryId?: string;

  /**
   * Tags of the instance (at most 50), merged with tags applied through `Tags.of(...)`.
   * Updated in place.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * The idempotency token sent with CreateInstance (1–500 characters).
   *
   * Changing it creates a new instance; so must a change of a property that creates a new
   * instance change it (the service would hand back the existing instance for the old token).
   *
   * @default - derived from the stack id, the logical id and the properties that create a new instance
   */
  readonly clientToken?: string;

  /**
   * What happens to the instance when it leaves the stack or is replaced.
   *
   * Instance creations and deletions count against a quota of 100 per 30 days per account.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An Amazon Connect instance (Connect CreateInstance), ready (ACTIVE) once the resource is created.
 *
 * Resource type `Custom::ConnectInstance`. The call flags and tags are updated in place; a change
 * of identity management type, alias, directory or client token creates a new instance and
 * CloudFormation deletes the old one (unless retained, the default).
 *
 * @resource Custom::ConnectInstance
 */
export class ConnectInstance extends Resource implements IConnectInstance, ITaggable {
  /** Imports an existing instance by its ARN (`arn:aws:connect:<region>:<account>:instance/<id>`). */
  public static fromInstanceArn(scope: Construct, id: string, instanceArn: string): IConnectInstance {
    const instanceId = Stack.of(scope).splitArn(instanceArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName;
    if (!instanceId) throw new Error(`ConnectInstance.fromInstanceArn: ${instanceArn} is not an instance ARN (no instance id)`);
    class Import extends Resource implements IConnectInstance {
      public readonly instanceArn = instanceArn;
      public readonly instanceId = instanceId!;
      public get instanceRef(): connectRefs.InstanceReference {
        return { instanceArn: this.instanceArn };
      }
    }
    return new Import(scope, id, { environmentFromArn: instanceArn });
  }

  /** @attribute */
  public readonly instanceId: string;
  /** @attribute */
  public readonly instanceArn: string;
  /** Tags of the instance; `Tags.of(...)` adds to them. */
  public readonly tags: TagManager;

  /** The instance as aws-cdk-lib's Connect L1s reference it (`IInstanceRef`). */
  public get instanceRef(): connectRefs.InstanceReference {
    return { instanceArn: this.instanceArn };
  }

  constructor(scope: Construct, id: string, props: ConnectInstanceProps) {
    super(scope, id);
    this.tags = new TagManager(TagType.MAP, CONNECT_INSTANCE.resourceType, props.tags);

    const serviceLinkedRoles = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/connect.amazonaws.com/*`;
    const instances = Stack.of(this).formatArn({ service: 'connect', resource: 'instance', resourceName: '*' });
    const resource = createApiResource(this, {
      spec: CONNECT_INSTANCE,
      properties: {
        IdentityManagementType: props.identityManagementType,
        InstanceAlias: props.instanceAlias,
        DirectoryId: props.directoryId,
        InboundCallsEnabled: props.inboundCallsEnabled,
        OutboundCallsEnabled: props.outboundCallsEnabled,
        Tags: props.tags,
        ClientToken: props.clientToken,
      },
      tags: this.tags,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      // Creating an instance typically takes one to three minutes.
      serviceTimeout: Duration.minutes(30),
      wildcardReasons: {
        '*': 'connect:CreateInstance and the Directory Service actions Connect performs for the caller while it creates or deletes an instance support no resource-level permissions',
        [instances]: 'the instance id is known only once CreateInstance has answered; the actions are limited to instances of this account and region',
        [serviceLinkedRoles]: "Connect's service-linked role has a generated name under this fixed path; creation is further limited to the connect.amazonaws.com service name",
      },
      statements: [
        // CreateInstance supports no resource-level permissions.
        new iam.PolicyStatement({ sid: 'ConnectCreateInstance', actions: ['connect:CreateInstance'], resources: ['*'] }),
        new iam.PolicyStatement({
          sid: 'ConnectManageInstances',
          actions: [
            'connect:DescribeInstance',
            'connect:DeleteInstance',
            'connect:UpdateInstanceAttribute',
            'connect:TagResource',
            'connect:UntagResource',
          ],
          resources: [instances],
        }),
        // Connect sets up (and on deletion removes) the instance's directory as the caller:
        // the Directory Service actions it needs support no resource-level permissions.
        new iam.PolicyStatement({
          sid: 'ConnectInstanceDirectory',
          actions: [
            'ds:CheckAlias',
            'ds:CreateAlias',
            'ds:CreateIdentityPoolDirectory',
            'ds:DescribeDirectories',
            'ds:AuthorizeApplication',
            'ds:UnauthorizeApplication',
            'ds:DeleteDirectory',
          ],
          resources: ['*'],
        }),
        // The instance's service-linked role, created on first use and given its policy.
        new iam.PolicyStatement({
          sid: 'ConnectServiceLinkedRole',
          actions: ['iam:CreateServiceLinkedRole'],
          resources: [serviceLinkedRoles],
          conditions: { StringEquals: { 'iam:AWSServiceName': 'connect.amazonaws.com' } },
        }),
        new iam.PolicyStatement({ sid: 'ConnectServiceLinkedRolePolicy', actions: ['iam:PutRolePolicy'], resources: [serviceLinkedRoles] }),
      ],
    });

    this.instanceId = resource.getAttString('Id');
    this.instanceArn = resource.getAttString('Arn');
  }

  /**
   * Sets the custom resource's DeletionPolicy and UpdateReplacePolicy: RETAIN keeps the instance
   * when it leaves the stack or is replaced, DESTROY deletes it. SNAPSHOT is rejected: CloudFormation
   * snapshots no custom resource.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    checkRemovalPolicy(this, CONNECT_INSTANCE.construct, policy);
    super.applyRemovalPolicy(policy);
  }
}
