import * as path from 'path';
import { Aspects, CfnResource, Duration, Lazy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import type { ConnectResourcesHandlerOptions } from '../connect-resources-handler-options';
import type { ResourceSpec } from '../contract';
import { addLaneEdge, laneCount, LaneEdge, laneEdges, removeLaneEdge } from './lanes';
import { ValidationCode, ValidationError } from './validation-error';

/** Where `npm run build` writes the pre-bundled handler (see scripts/bundle-handler.mjs). */
export const HANDLER_ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'handler');

/**
 * How long one invocation of the handler may run. Waits that take longer (an instance that is
 * still being created) continue in a fresh invocation, so this bounds cost, not what can be waited for.
 */
export const HANDLER_TIMEOUT = Duration.minutes(5);

/**
 * How long Lambda keeps an event of CloudFormation's: while it waits in the asynchronous queue for
 * a free execution (the account's concurrency is shared with the contact center's own functions),
 * and across the retries of a failed invocation. CloudFormation invokes the handler
 * asynchronously; Lambda discards an event older than the function's MaximumEventAgeInSeconds
 * (60–21600 s), and nothing then ever answers CloudFormation, which waits out the resource's
 * ServiceTimeout ("Asynchronous invocation" and "Error handling", Lambda developer guide;
 * AWS::Lambda::EventInvokeConfig). So no event is discarded while CloudFormation still waits for
 * it: the age is CloudFormation's longest ServiceTimeout (3600 s, documented: crpg-ref-requests),
 * at least every construct's. An event older than its own ServiceTimeout makes nothing: the
 * handler reads when CloudFormation sent it from the ResponseURL (src/handler/waiter.ts).
 *
 * Two retries (the maximum, MaximumRetryAttempts 0–2): the handler answers every event it can
 * itself, so an invocation fails only when the process dies before answering (out of memory, a
 * crash, the invocation's timeout) or the answer could not be delivered; a retry then answers it.
 * Retrying is safe: creates are idempotent and deletes act only on resources carrying the
 * ownership tag.
 */
export const MAX_EVENT_AGE = Duration.hours(1);
/** See {@link MAX_EVENT_AGE}. */
export const RETRY_ATTEMPTS = 2;

/**
 * CloudFormation's time per resource of a lane when the user gives none: its request sent about a
 * second after the resource before it is complete (as the runtime a deploy meets is modelled,
 * test/support/deploy.ts), and the handler's invocation and answer. Assumed, not documented; the
 * deploy figures of BENCHMARKS.md are measured with it.
 */
export const DEFAULT_TURNAROUND = Duration.seconds(2);

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

  /**
   * Sets the options of the stack's handler, once, at any point before synthesis: the function,
   * its role and log group are made only when the stack is synthesized (or when someone asks for
   * the function or its role first; options given after that would be ignored, and are refused).
   */
  public static configure(scope: IConstruct, options: ConnectResourcesHandlerOptions): ConnectResourcesProvider {
    const provider = ConnectResourcesProvider.of(scope);
    const refuse = (why: string) => {
      throw new ValidationError(ValidationCode.HANDLER_OPTIONS, 'ConnectResourcesHandler', scope, [`the handler of stack ${Stack.of(scope).node.path} ${why}`]);
    };
    if (provider.configured) refuse('is configured already; configure it once');
    if (provider.made) refuse('exists already (its function or role was asked for); configure it before that');
    provider.options = options;
    provider.configured = true;
    return provider;
  }

  /** The ARN custom resources use as their ServiceToken (the function's, once it is made). */
  public readonly serviceToken: string;
  /** The policy that holds every grant; custom resources depend on it. */
  public readonly policy: iam.Policy;
  /** Granted statements by everything but their resources and Sid. */
  private readonly granted = new Map<string, iam.PolicyStatement>();
  private readonly acknowledged = new Set<string>();
  /** The custom resources served, by resource type, with their type's spec. */
  private readonly served = new Map<string, { spec: ResourceSpec; resources: CfnResource[] }>();
  private options: ConnectResourcesHandlerOptions = {};
  private configured = false;
  private made?: { readonly fn: lambda.Function; readonly role: iam.IRole; readonly logGroup: logs.ILogGroup };

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    // The policy exists from the start (every custom resource depends on it); the function, its
    // role and log group are made once the options are final: when the app is synthesized, by an
    // aspect that runs before any other (so that aspects such as Tags.of(...) and
    // PermissionsBoundary.of(...) still visit what it makes), or earlier when asked for.
    this.policy = new iam.Policy(this, 'Policy');
    this.serviceToken = Lazy.string({ produce: () => this.make().fn.functionArn });
    // The handler's own statements, first in the policy; they name what is made later.
    this.policy.addStatements(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [Lazy.string({ produce: () => this.make().logGroup.logGroupArn })],
      }),
      new iam.PolicyStatement({
        sid: 'ContinueLongWaits',
        actions: ['lambda:InvokeFunction'],
        resources: [Lazy.string({ produce: () => this.make().fn.functionArn })],
      }),
    );
    Aspects.of(this).add({ visit: (node) => (node === this ? void this.make() : undefined) }, { priority: 0 });

    // Lanes go in once the stack's dependencies are final: validation runs after aws-cdk-lib has
    // prepared the app (references resolved, construct dependencies on the resources) and before
    // the template is written. Nothing is validated here. Each synthesis works them out anew, from
    // the stack without the lanes of an earlier one (constructs may have been added since).
    let laned: LaneEdge[] = [];
    this.node.addValidation({
      validate: () => {
        laned.forEach(removeLaneEdge);
        laned = laneEdges(Stack.of(this), this.laneGroups());
        laned.forEach(addLaneEdge);
        return [];
      },
    });
  }

  /** The handler function (made now if it is not yet). */
  public get function(): lambda.IFunction {
    return this.make().fn;
  }

  /** The handler's role, the given one or the one made for it (made now if it is not yet). */
  public get role(): iam.IRole {
    return this.make().role;
  }

  /** Makes the function, its role and log group with the options given, once. */
  private make(): { readonly fn: lambda.Function; readonly role: iam.IRole; readonly logGroup: logs.ILogGroup } {
    if (this.made) return this.made;
    const options = this.options;
    const role = options.role ?? new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Calls the Amazon Connect, Connect Cases and Partner Central APIs for cdk-connect-resources custom resources',
    });
    const logGroup = options.logGroup ?? new logs.LogGroup(this, 'Logs', { retention: options.logRetention ?? logs.RetentionDays.THREE_MONTHS });
    const fn = new lambda.Function(this, 'Handler', {
      description: 'cdk-connect-resources: custom resources for Amazon Connect, Connect Cases and Partner Central',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(HANDLER_ASSET_DIR),
      handler: 'index.handler',
      timeout: options.timeout ?? HANDLER_TIMEOUT,
      memorySize: options.memorySize ?? 512,
      role,
      logGroup,
      vpc: options.vpc,
      vpcSubnets: options.vpcSubnets,
      securityGroups: options.securityGroups,
      environmentEncryption: options.environmentEncryption,
    });
    this.made = { fn, role, logGroup };
    if (options.vpc) this.allowNetworkInterfaces(role, fn);
    fn.configureAsyncInvoke({ retryAttempts: RETRY_ATTEMPTS, maxEventAge: MAX_EVENT_AGE });

    this.policy.attachToRole(role);

    // What the lanes are made of, in the template before it is prepared: a nested stack's template
    // is hashed then, and a change of lanes alone (requestRates, resourceTurnaround) must change it.
    (fn.node.defaultChild as CfnResource).addMetadata(
      LANES_METADATA,
      Lazy.any({
        produce: () => {
          const laned = this.laneGroups().filter((g) => g.resources.length > g.lanes);
          return laned.length > 0 ? Object.fromEntries(laned.map((g) => [g.resourceType, g.lanes])) : undefined;
        },
      }),
    );
    return this.made;
  }

  /**
   * Registers a custom resource the handler serves. The stack's resources of one type are created
   * in lanes sized by the type's rate quota (lanes.ts).
   */
  public serve(spec: ResourceSpec, resource: CfnResource): void {
    const entry = this.served.get(spec.resourceType) ?? { spec, resources: [] };
    entry.resources.push(resource);
    this.served.set(spec.resourceType, entry);
  }

  private laneGroups() {
    const turnaround = (this.options.resourceTurnaround ?? DEFAULT_TURNAROUND).toSeconds({ integral: false });
    return [...this.served.values()].map(({ spec, resources }) => {
      const rate = this.options.requestRates?.[spec.rateQuota.operation] ?? spec.rateQuota.perSecond;
      return { resourceType: spec.resourceType, resources, lanes: laneCount(resources.length, { rate, burst: spec.rateQuota.burst }, turnaround) };
    });
  }

  /**
   * Lambda creates the network interfaces of a function in a VPC with the function's role, and
   * checks that the role may do so when the function is created ("Configuring a Lambda function
   * to access resources in a VPC", AWS Lambda Developer Guide: the actions of the managed policy
   * AWSLambdaVPCAccessExecutionRole). aws-cdk-lib attaches that managed policy only to roles it
   * creates for the function itself; this policy grants the same actions to the handler's role,
   * new or given, and the function waits for it. It is a policy of its own because the handler's
   * main policy names the function (ContinueLongWaits) and the function cannot wait for that one.
   */
  private allowNetworkInterfaces(role: iam.IRole, fn: lambda.Function): void {
    const policy = new iam.Policy(this, 'NetworkInterfaces', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'LambdaVpcNetworkInterfaces',
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeSubnets',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          resources: ['*'],
        }),
      ],
    });
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'the network-interface actions Lambda performs for a function in a VPC, as AWSLambdaVPCAccessExecutionRole grants them: the interfaces are created by Lambda and their ids are not known in advance',
    });
    fn.node.addDependency(policy);
  }

  /**
   * Adds statements to the handler's policy; what is already granted is not added twice.
   *
   * Actions never contain "*". A resource that does ("*", or an ARN ending in "/*") must come with
   * a reason in `wildcardReasons`, keyed by the resource as given: the reason becomes the
   * acknowledgement of exactly that finding for policy checkers (cdk-nag's AwsSolutions-IAM5).
   */
  public grant(statements: iam.PolicyStatement[], wildcardReasons: { readonly [resource: string]: string } = {}): void {
    for (const statement of statements) {
      for (const action of statement.actions) {
        if (action.includes('*')) throw new Error(`the handler is never granted wildcard actions (got ${action})`);
      }
      for (const resource of statement.resources) {
        const finding = `AwsSolutions-IAM5[Resource::${flattenReference(Stack.of(this).resolve(resource))}]`;
        if (!finding.includes('*') || this.acknowledged.has(finding)) continue;
        const reason = wildcardReasons[resource];
        if (!reason) throw new Error(`the wildcard resource ${finding} of the handler's policy needs a reason`);
        // The metadata `Validations.acknowledge` writes from aws-cdk-lib 2.269.0 on, written
        // directly: before 2.269.0 `acknowledge` rejects any id containing '::' (reserved there
        // as a delimiter), and cdk-nag's finding ids contain it (`Resource::<ARN>`). cdk-nag
        // reads `aws:cdk:acknowledged-rules` entries on the resource and its ancestors, with an
        // optional `Annotation::` prefix — so this works the same on every version of the peer range.
        this.policy.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [`Annotation::${finding}`]: reason });
        this.acknowledged.add(finding);
      }
      // Statements that differ only in their resources become one statement listing them all,
      // so that many resources of one type (say, cases in many domains) keep the policy small.
      const { Resource: _, Sid: __, ...rest } = Stack.of(this).resolve(statement.toStatementJson());
      const key = JSON.stringify(rest);
      const existing = this.granted.get(key);
      if (existing) {
        existing.addResources(...statement.resources.filter((r) => !existing.resources.includes(r)));
      } else {
        this.granted.set(key, statement);
        this.policy.addStatements(statement);
      }
    }
  }
}

const PROVIDER_ID = 'ConnectResourcesProvider';
/** The handler function's template metadata that names the lanes of each laned type. */
const LANES_METADATA = 'cdk-connect-resources:lanes';

/**
 * A resolved CloudFormation value as one string, the way policy checkers name findings:
 * `{ Ref: X }` → `<X>`, `{ 'Fn::GetAtt': [R, A] }` → `<R.A>`, `Fn::Join` joined.
 */
function flattenReference(node: unknown): string {
  if (typeof node === 'string') return node;
  const value = node as Record<string, any>;
  if (value?.['Fn::Join']) return value['Fn::Join'][1].map(flattenReference).join(value['Fn::Join'][0]);
  if (value?.['Fn::GetAtt']) return `<${value['Fn::GetAtt'].map(flattenReference).join('.')}>`;
  if (value?.Ref) return `<${flattenReference(value.Ref)}>`;
  return JSON.stringify(node);
}
