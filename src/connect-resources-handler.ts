import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import type { ConnectResourcesHandlerOptions } from './connect-resources-handler-options';
import { ConnectResourcesProvider } from './private/provider';
import { ValidationCode, ValidationError } from './private/validation-error';
import { HANDLER_TIMEOUT_S, RESOURCE_SPECS } from './contract';

/**
 * The function that serves every construct of this library in a stack (one per stack, created
 * with the first construct). `configure` sets how it runs; `of` gives the function and its role,
 * for alarms, dashboards and policies of your own.
 */
export class ConnectResourcesHandler {
  /**
   * The handler of the scope's stack: its function and role, made now (with the options given to
   * `configure` so far, or the defaults) if they do not exist yet.
   */
  public static of(scope: IConstruct): ConnectResourcesHandler {
    return new ConnectResourcesHandler(ConnectResourcesProvider.of(scope));
  }

  /**
   * Configures the handler of the scope's stack, once, at any point before the stack is
   * synthesized: before or after the constructs of this library are added. (The function is made
   * at synthesis; if `of(scope).function` or `.role` was asked for earlier, it exists already, and
   * configuring it then is refused.)
   */
  public static configure(scope: IConstruct, options: ConnectResourcesHandlerOptions): void {
    const problems = optionProblems(options);
    if (problems.length > 0) {
      throw new ValidationError(ValidationCode.HANDLER_OPTIONS, 'ConnectResourcesHandler', scope, problems);
    }
    ConnectResourcesProvider.configure(scope, options);
  }

  /** The handler function, for alarms on its errors and throttles (`fn.metricErrors()`). */
  public readonly function: lambda.IFunction;
  /** The handler's role, the one it calls the services with. */
  public readonly role: iam.IRole;

  private constructor(provider: ConnectResourcesProvider) {
    this.function = provider.function;
    this.role = provider.role;
  }
}

/** Lambda's documented limits are 1 s–15 min and 128–10240 MiB; ours are narrower (see the options). */
const MEMORY_BOUNDS = { min: 256, max: 10240 };
/** Seconds; lanes are sized by it at synth, so it must be known then. */
const TURNAROUND_BOUNDS = { min: 1, max: 60 };

function optionProblems(options: ConnectResourcesHandlerOptions): string[] {
  const problems: string[] = [];
  const { timeout, memorySize } = options;
  if (timeout && !Token.isUnresolved(timeout.toSeconds())) {
    const s = timeout.toSeconds();
    if (s < HANDLER_TIMEOUT_S.min || s > HANDLER_TIMEOUT_S.max) problems.push(`timeout must be from 1 to 15 minutes (got ${timeout.toHumanString()})`);
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
  const turnaround = options.resourceTurnaround;
  if (turnaround) {
    const seconds = turnaround.isUnresolved() ? undefined : turnaround.toSeconds({ integral: false });
    if (seconds === undefined || seconds < TURNAROUND_BOUNDS.min || seconds > TURNAROUND_BOUNDS.max) {
      problems.push(`resourceTurnaround must be from ${TURNAROUND_BOUNDS.min} to ${TURNAROUND_BOUNDS.max} seconds, known at synth (got ${seconds === undefined ? 'a token' : `${seconds} s`})`);
    }
  }
  return problems;
}
