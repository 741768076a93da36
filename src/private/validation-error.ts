/**
 * The one error the constructs throw for a mistake in what the user gave them: it names the
 * construct (class and path) and carries a rule code, so that callers and tests can tell the
 * mistakes apart without parsing messages. aws-cdk-lib does the same with its ValidationError
 * (thrown with the scope, see aws-sqs/lib/queue.ts). Programmer mistakes inside the library stay
 * plain assertions.
 */
import type { IConstruct } from 'constructs';

/** Which rule a user's value broke. */
export enum ValidationCode {
  /** A prop breaks the API constraints of the resource spec. */
  SPEC = 'spec',
  /** An ARN given to a fromXxxArn import is not an ARN of that resource. */
  ARN = 'arn',
  /** The same key (field id, question or item reference id) is given twice. */
  DUPLICATE = 'duplicate',
  /** A removal policy the resource type cannot honour (SNAPSHOT). */
  REMOVAL_POLICY = 'removal-policy',
  /** A resource in another account, region or partition than the handler can reach. */
  ENVIRONMENT = 'environment',
  /** Handler options out of bounds, contradicting each other, or given too late. */
  HANDLER_OPTIONS = 'handler-options',
}

/** A mistake in the props or arguments a user gave a construct. */
export class ValidationError extends Error {
  /** The message of a problem found in the given construct: `<Construct> '<path>': <problem>`. */
  public static format(constructName: string, path: string, problem: string): string {
    return `${constructName} '${path}': ${problem}`;
  }

  /** The construct path of the construct (or of the scope of an import) the mistake was made in. */
  public readonly constructPath: string;

  /**
   * @param code the rule broken
   * @param constructName the construct class, or `<Class>.<method>` for an import
   * @param scope where the mistake was made
   * @param problems one or more problems, each in plain words naming the prop, the rule and the value
   */
  constructor(
    public readonly code: ValidationCode,
    constructName: string,
    scope: IConstruct,
    public readonly problems: readonly string[],
  ) {
    super(problems.map((problem) => ValidationError.format(constructName, scope.node.path, problem)).join('\n'));
    this.name = 'ValidationError';
    this.constructPath = scope.node.path;
  }
}
