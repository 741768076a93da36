import { Duration, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { ConnectResourcesProvider } from './private/provider';
import { ValidationCode, ValidationError } from './private/validation-error';
import { RESOURCE_SPECS } from './spec';

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
   * Requests per second a burst of this stack's events may send to an API, where it should differ
   * from the API quota's documented default. Keyed by operation: `CreateInstance`,
   * `CreateContactFlowVersion`, `StartContactEvaluation`, `CreateCase`, `CreateEngagementContext`.
   *
   * A deploy that creates (or deletes) many resources of one type sends all their events at once.
   * The handler spreads their calls over the time the rate allows them (N ÷ rate, and a tenth
   * more), so that they stay under the account's quota, which the live contact center's own calls
   * share. Give the quota your account has if it was raised (Service Quotas console, "Rate of
   * <operation> API requests"), or less, to leave room for the contact center.
   *
   * @default - each quota's documented default: CreateInstance 2, CreateContactFlowVersion 2,
   * StartContactEvaluation 3, CreateCase 2, CreateEngagementContext 1
   */
  readonly requestRates?: { [operation: string]: number };
}

/**
 * The function that serves every construct of this library in a stack (one per stack, created
 * with the first construct). `configure` sets how it runs.
 */
export class ConnectResourcesHandler {
  /**
   * Configures the handler of the scope's stack. Call it before the first construct of this
   * library is added to the stack, and at most once per stack.
   */
  public static configure(scope: IConstruct, options: ConnectResourcesHandlerOptions): void {
    const problems = optionProblems(options);
    if (problems.length > 0) {
      throw new ValidationError(ValidationCode.HANDLER_OPTIONS, 'ConnectResourcesHandler', scope, problems);
    }
    ConnectResourcesProvider.configure(scope, options);
  }

  private constructor() {}
}

/** Lambda's documented limits are 1 s–15 min and 128–10240 MiB; ours are narrower (see the options). */
const TIMEOUT_BOUNDS = { min: Duration.minutes(1), max: Duration.minutes(15) };
const MEMORY_BOUNDS = { min: 256, max: 10240 };

function optionProblems(options: ConnectResourcesHandlerOptions): string[] {
  const problems: string[] = [];
  const { timeout, memorySize } = options;
  if (timeout && !Token.isUnresolved(timeout.toSeconds())) {
    const s = timeout.toSeconds();
    if (s < TIMEOUT_BOUNDS.min.toSeconds() || s > TIMEOUT_BOUNDS.max.toSeconds()) problems.push(`timeout must be from 1 to 15 minutes (got ${timeout.toHumanString()})`);
  }
  if (memorySize !== undefined && !Token.isUnresolved(memorySize)) {
    if (!Number.isInteger(memorySize) || memorySize < MEMORY_BOUNDS.min || memorySize > MEMORY_BOUNDS.max) {
      problems.push(`memorySize must be a whole number of MiB from ${MEMORY_BOUNDS.min} to ${MEMORY_BOUNDS.max} (got ${memorySize})`);
    }
  }
  if (options.logGroup && options.logRetention !== undefined) problems.push('give logGroup or logRetention, not both (the retention of a given log group is its own)');
  if (!options.vpc && (options.vpcSubnets || options.securityGroups)) problems.push('vpcSubnets and securityGroups need a vpc');
  const operations = RESOURCE_SPECS.map((spec) => spec.rateQuota.operation);
  for (const [operation, rate] of Object.entries(options.requestRates ?? {})) {
    if (!(operations as string[]).includes(operation)) problems.push(`requestRates: ${JSON.stringify(operation.slice(0, 64))} is not one of ${operations.join(', ')}`);
    else if (Token.isUnresolved(rate) || !(typeof rate === 'number' && Number.isFinite(rate) && rate > 0)) problems.push(`requestRates: ${operation} must be a number of requests per second above 0, known at synth (got ${Token.isUnresolved(rate) ? 'a token' : rate})`);
  }
  return problems;
}
