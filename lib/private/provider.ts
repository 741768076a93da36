import * as path from 'path';
import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';

/** Where `npm run build` writes the pre-bundled handler (see scripts/bundle-handler.mjs). */
export const HANDLER_ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'handler');

/**
 * How long one invocation of the handler may run. Waits that take longer (an instance that is
 * still being created) continue in a fresh invocation, so this bounds cost, not what can be waited for.
 */
export const HANDLER_TIMEOUT = Duration.minutes(5);

/**
 * The per-stack singleton that serves every custom resource of this library: one function, its
 * role, one policy and one log group, whatever the number of constructs.
 *
 * The permissions live in a policy of their own rather than in the role's default policy: the
 * function must be allowed to invoke itself (to continue a long wait), and a default policy that
 * names the function would make the function depend on itself. The custom resources depend on
 * this policy instead, so that the permissions exist for their Create and still exist for their Delete.
 */
export class ConnectResourcesProvider extends Construct {
  /** Returns the stack's provider, creating it on first use. */
  public static of(scope: IConstruct): ConnectResourcesProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID);
    return (existing as ConnectResourcesProvider | undefined) ?? new ConnectResourcesProvider(stack, PROVIDER_ID);
  }

  /** The ARN custom resources use as their ServiceToken. */
  public readonly serviceToken: string;
  /** The policy that holds every grant; custom resources depend on it. */
  public readonly policy: iam.Policy;
  /**
   * The handler's role, for grants that cannot go into `policy`: a statement naming a resource
   * that one of this library's custom resources creates (an instance's ARN) would make a cycle
   * there, since every custom resource depends on `policy`.
   */
  public readonly role: iam.IRole;
  private readonly granted = new Set<string>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Calls the Amazon Connect, Connect Cases and Partner Central APIs for cdk-connect-resources custom resources',
    });
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });
    const fn = new lambda.Function(this, 'Handler', {
      description: 'cdk-connect-resources: custom resources for Amazon Connect, Connect Cases and Partner Central',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(HANDLER_ASSET_DIR),
      handler: 'index.handler',
      timeout: HANDLER_TIMEOUT,
      memorySize: 512,
      role,
      logGroup,
    });
    this.serviceToken = fn.functionArn;
    this.role = role;

    this.policy = new iam.Policy(this, 'Policy', { roles: [role] });
    this.grant(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'ContinueLongWaits',
        actions: ['lambda:InvokeFunction'],
        resources: [fn.functionArn],
      }),
    );
  }

  /** Adds statements to the handler's policy; a statement already granted is not added twice. */
  public grant(...statements: iam.PolicyStatement[]): void {
    for (const statement of statements) {
      const key = JSON.stringify(Stack.of(this).resolve(statement.toStatementJson()));
      if (this.granted.has(key)) continue;
      this.granted.add(key);
      this.policy.addStatements(statement);
    }
  }
}

const PROVIDER_ID = 'ConnectResourcesProvider';
