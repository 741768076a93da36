import type { Duration } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';

/**
 * How the stack's shared handler function runs. Every member is optional; what is left out stays
 * as without configuration.
 */
export interface ConnectResourcesHandlerOptions {
  /**
   * The VPC to run the handler in.
   *
   * The handler must then reach, through NAT or VPC endpoints: Amazon Connect (`connect`),
   * Connect Cases (`cases`), Partner Central (`partnercentral-selling` in us-east-1, whatever the
   * stack's region), AWS Lambda (`lambda`: the handler invokes itself to continue long waits) and
   * Amazon S3 (the CloudFormation response URL is a pre-signed S3 URL). Only the services of the
   * constructs the stack uses are called. The handler's role is granted the network-interface
   * actions Lambda needs in a VPC, also when the role is given.
   *
   * @default - not in a VPC
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Where in the VPC the handler's network interfaces go.
   *
   * @default - the VPC's private subnets (aws-cdk-lib's default for Lambda functions)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The security groups of the handler's network interfaces.
   *
   * @default - one new security group that allows all outbound traffic
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * The log group the handler writes to. Mutually exclusive with `logRetention`.
   *
   * @default - a new log group kept for `logRetention`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * How long the handler's new log group keeps its events. Mutually exclusive with `logGroup`.
   *
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * How long one invocation of the handler may run: from 1 to 15 minutes.
   *
   * Waits that take longer continue in a fresh invocation, so this bounds the cost of one
   * invocation, not what can be waited for. Below a minute too little is left once the handler
   * keeps its 10-second safety margin for answering CloudFormation.
   *
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;

  /**
   * The handler's memory in MiB: from 256 to 10240.
   *
   * Lambda allows 128 to 10240 MiB; below 256 the bundled AWS SDK clients make cold starts slow
   * (assumed; see BENCHMARKS.md for the default's figures).
   *
   * @default 512
   */
  readonly memorySize?: number;

  /**
   * The key that encrypts the function's environment variables.
   *
   * @default - the AWS managed key for Lambda
   */
  readonly environmentEncryption?: kms.IKey;

  /**
   * An existing role for the handler, instead of a new one.
   *
   * The stack attaches its policy (the permissions of every construct, written as an
   * `AWS::IAM::Policy` naming the role) to it, so the role must be in the stack's account, must be
   * trusted by `lambda.amazonaws.com` and must not be limited by a permissions boundary that
   * denies what the constructs need. A permissions boundary for the new role is applied the
   * aws-cdk-lib way instead: `PermissionsBoundary.of(stack).apply(policy)`.
   *
   * @default - a new role
   */
  readonly role?: iam.IRole;

  /**
   * Requests per second a deploy of this stack may send to an API, where it should differ from
   * the API quota's documented default. Keyed by operation: `CreateInstance`,
   * `CreateContactFlowVersion`, `StartContactEvaluation`, `CreateCase`, `CreateEngagementContext`.
   *
   * A stack with more resources of a type than the quota's burst has them created in lanes:
   * CloudFormation creates (updates, deletes) the resources of one lane one after another, and
   * the lanes side by side, `ceil(rate × resourceTurnaround)` of them, so that about `rate`
   * requests a second reach the API and no execution of the handler waits for a turn. A stack
   * and its nested stacks share one quota: their lanes of a type are split among them (give
   * every stack of the tree the same rates). Give the quota your account has if it was raised
   * (Service Quotas console, "Rate of <operation> API requests"), or less, to leave room for the
   * contact center's own calls, or for stacks deployed at the same time (`cdk deploy
   * --concurrency`, pipeline waves): N such stacks each get the quota ÷ N.
   *
   * A change of rates alone changes only `DependsOn` and metadata, which CloudFormation does not
   * apply until a deploy also changes some property (docs/deploy-runtime.md).
   *
   * @default - each quota's documented default: CreateInstance 2, CreateContactFlowVersion 2,
   * StartContactEvaluation 3, CreateCase 2, CreateEngagementContext 1
   */
  readonly requestRates?: { [operation: string]: number };

  /**
   * How long CloudFormation takes per resource of a lane: from sending one resource's request to
   * sending the next one's (the asynchronous invocation, the handler, CloudFormation reading its
   * answer, and the next request after that). From 1 to 60 seconds.
   *
   * Lanes are sized by it: `ceil(rate × resourceTurnaround)` lanes send about `rate` requests a
   * second. A longer figure makes more lanes (more requests in flight, and more executions of
   * the handler at once); a shorter one fewer. Real deploys turn a lane around in about 3.5–4 s
   * (measured in recorded stack events; nothing is documented); the default leaves room for
   * CloudFormation being slower, and the handler's backoff absorbs it being faster. Give your own
   * figure if you measured it (from one resource's CREATE_IN_PROGRESS to the next one's in its
   * lane), or with a raised quota.
   *
   * @default Duration.seconds(5)
   */
  readonly resourceTurnaround?: Duration;
}
