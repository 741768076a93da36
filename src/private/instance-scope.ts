import { Stack, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import type { IEnvironmentAware } from 'aws-cdk-lib/interfaces';
import type { IConnectInstance } from '../connect-instance';
import { ValidationCode, ValidationError } from './validation-error';

/** The instance ARN (or ARN pattern) the handler's permissions for an instance's resources name. */
export interface InstanceScope {
  /** The instance's ARN, or `arn:…:instance/*` when it is known only at deploy time. */
  readonly arn: string;
  /** What `arn` covers, in words, for the reasons given with wildcard resources. */
  readonly describe: string;
}

/**
 * An instance whose ARN is known at synth (imported) is named exactly. One known only at deploy
 * time — a ConnectInstance of the same stack, typically — cannot be: the handler's permissions
 * live in one policy that every custom resource of the stack waits for, so naming that instance
 * there would make the policy wait for the instance and the instance for the policy. The
 * permissions then cover the instances of the stack's account and region. (A policy of its own
 * per instance would avoid that, at one more resource per instance; we keep the template small.)
 */
export function instanceScope(scope: Construct, instance: IConnectInstance): InstanceScope {
  if (!Token.isUnresolved(instance.instanceArn)) return { arn: instance.instanceArn, describe: 'the one instance' };
  return {
    arn: Stack.of(scope).formatArn({ service: 'connect', resource: 'instance', resourceName: '*' }),
    describe: "this account's instances in this region (the instance is created in the same stack, and naming it would make the handler policy and the instance wait for each other)",
  };
}

/**
 * Fails when an instance known to be in another account or region than the stack is given to a
 * construct of the stack. The handler runs in the stack's account and region and names the
 * instance by id only (the Connect API's InstanceId): its requests go to the regional endpoint
 * of the stack's region and act on that account's instances (documented: Amazon Connect
 * endpoints are regional, "Amazon Connect endpoints and quotas"; that an instance of another
 * account cannot be reached by id is assumed: Connect instances have no resource-based policy).
 * Values known only at deploy time are not compared.
 */
export function requireSameEnvironment(scope: Construct, construct: string, instance: IConnectInstance): void {
  requireReachable(scope, construct, 'instance', instance);
}

/**
 * The same check for any resource a prop references (a `CfnContactFlow`, a Cases `CfnDomain`, a
 * `CfnUser` ...), by the environment the reference carries (`IEnvironmentAware`): the handler
 * names it by id or ARN in its own account and region. A string is not checked here (an ARN is
 * checked against the instance's or domain's where the resource type's rules say so).
 */
export function requireReachable(scope: Construct, construct: string, what: string, ref: IConstruct & IEnvironmentAware | string): void {
  if (typeof ref === 'string') return;
  const stack = Stack.of(scope);
  for (const part of ['account', 'region'] as const) {
    const theirs = ref.env[part];
    const ours = stack[part];
    if (Token.isUnresolved(theirs) || Token.isUnresolved(ours) || theirs === ours) continue;
    throw new ValidationError(ValidationCode.ENVIRONMENT, construct, scope, [`${what} ${ref.node.path} is in ${part} ${theirs}, the stack in ${ours}; the handler reaches resources of its own account and region only`]);
  }
}
