import { ArnFormat, Aws, Duration, IResource, ITaggable, RemovalPolicy, Resource, Stack, TagManager, TagType } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { createApiResource } from './private/api-resource';
import { ownedByThisStack, taggedForThisStack } from './private/ownership';
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

/** An Amazon Connect instance, created here or imported. */
export interface IConnectInstance extends IResource {
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
    }
    return new Import(scope, id, { environmentFromArn: instanceArn });
  }

  /** @attribute */
  public readonly instanceId: string;
  /** @attribute */
  public readonly instanceArn: string;
  /** Tags of the instance; `Tags.of(...)` adds to them. */
  public readonly tags: TagManager;

  constructor(scope: Construct, id: string, props: ConnectInstanceProps) {
    super(scope, id);
    this.tags = new TagManager(TagType.MAP, CONNECT_INSTANCE.resourceType, props.tags);

    // Documented (admin guide, connect-slr): Connect's service-linked roles are named
    // AWSServiceRoleForAmazonConnect_<unique id> under this path.
    const serviceLinkedRoles = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect*`;
    const instances = Stack.of(this).formatArn({ service: 'connect', resource: 'instance', resourceName: '*' });
    const directories = Stack.of(this).formatArn({ service: 'ds', resource: 'directory', resourceName: '*' });
    // Documented (admin guide, contact flow logs): flow logs go to /aws/connect/<instance alias>.
    const flowLogGroups = Stack.of(this).formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/connect/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const inThisRegion = { StringEquals: { 'aws:RequestedRegion': Stack.of(this).region } };
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
      // Every row is listed, with its source, in docs/permissions.md (a test compares them).
      wildcardReasons: {
        '*': 'connect:CreateInstance and the Directory Service actions Connect performs for the caller (CheckAlias, CreateDirectory, CreateIdentityPoolDirectory, DescribeDirectories, AuthorizeApplication, UnauthorizeApplication) support no resource-level permissions; CreateInstance is conditioned on the ownership tag, the Directory Service actions on this region',
        [instances]: 'the instance id is known only once CreateInstance has answered; the actions are limited to instances of this account and region, DeleteInstance further to those carrying this stack\'s ownership tag',
        [directories]: 'the directory is created by Connect during CreateInstance, its id unknown beforehand; limited to directories of this account and region',
        [flowLogGroups]: "Connect names the flow log group after the instance alias; limited to Connect's log group prefix in this account and region",
        [serviceLinkedRoles]: "Connect's service-linked roles have generated names with this fixed prefix and path; creation is further limited to the connect.amazonaws.com service name",
      },
      statements: [
        // CreateInstance supports no resource-level permissions, but aws:RequestTag (documented):
        // the handler always sends the ownership tag.
        new iam.PolicyStatement({ sid: 'ConnectCreateInstance', actions: ['connect:CreateInstance'], resources: ['*'], conditions: taggedForThisStack() }),
        new iam.PolicyStatement({
          sid: 'ConnectManageInstances',
          actions: ['connect:DescribeInstance', 'connect:UpdateInstanceAttribute', 'connect:TagResource', 'connect:UntagResource'],
          resources: [instances],
        }),
        new iam.PolicyStatement({ sid: 'ConnectDeleteOwnInstances', actions: ['connect:DeleteInstance'], resources: [instances], conditions: ownedByThisStack() }),
        // Connect sets up (and on deletion removes) the instance's directory as the caller
        // (the SAR's dependent actions of CreateInstance and DeleteInstance).
        new iam.PolicyStatement({
          sid: 'ConnectInstanceDirectoryUnscoped',
          actions: ['ds:CheckAlias', 'ds:CreateDirectory', 'ds:CreateIdentityPoolDirectory', 'ds:DescribeDirectories', 'ds:AuthorizeApplication', 'ds:UnauthorizeApplication'],
          resources: ['*'],
          conditions: inThisRegion,
        }),
        // These two act on one directory (they take its id): scoped to directory ARNs (assumed
        // to be their resource type, as for every Directory Service action that takes a DirectoryId).
        new iam.PolicyStatement({ sid: 'ConnectInstanceDirectory', actions: ['ds:CreateAlias', 'ds:DeleteDirectory'], resources: [directories] }),
        // The instance's service-linked role, created on first use and given its policies.
        new iam.PolicyStatement({
          sid: 'ConnectServiceLinkedRole',
          actions: ['iam:CreateServiceLinkedRole'],
          resources: [serviceLinkedRoles],
          conditions: { StringEquals: { 'iam:AWSServiceName': 'connect.amazonaws.com' } },
        }),
        // iam:AWSServiceName applies to CreateServiceLinkedRole only (documented); the role ARN
        // pattern is what narrows these.
        new iam.PolicyStatement({ sid: 'ConnectServiceLinkedRolePolicy', actions: ['iam:PutRolePolicy', 'iam:AttachRolePolicy'], resources: [serviceLinkedRoles] }),
        // A dependent action of UpdateInstanceAttribute (SAR), for flow logs.
        new iam.PolicyStatement({ sid: 'ConnectFlowLogGroup', actions: ['logs:CreateLogGroup'], resources: [flowLogGroups] }),
      ],
    });

    this.instanceId = resource.getAttString('Id');
    this.instanceArn = resource.getAttString('Arn');
  }
}
