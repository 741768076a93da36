/**
 * The one error the constructs throw for a mistake in what the user gave them: it names the
 * construct (class and path) and the rule broken, so that callers and tests can tell the
 * mistakes apart without parsing messages. Programmer mistakes inside the library stay plain
 * assertions.
 */
import type { IConstruct } from 'constructs';
import { ValidationCode } from '../validation-code';

export { ValidationCode };

/**
 * What makes aws-cdk-lib's `Errors.isConstructError` and `Errors.isValidationError` true: two
 * properties keyed by registered symbols (aws-cdk-lib core/lib/errors.ts, 2.258.0:
 * `Symbol.for('@aws-cdk/core.SynthesisError')` and `Symbol.for('@aws-cdk/core.ValidationError')`).
 * aws-cdk-lib's own ValidationError class is internal (its constructor's signature changed within
 * the peer range); the registered symbols are what every copy of aws-cdk-lib tests for, whichever
 * copy the user's app loaded.
 */
const CONSTRUCT_ERROR_SYMBOL = Symbol.for('@aws-cdk/core.SynthesisError');
const VALIDATION_ERROR_SYMBOL = Symbol.for('@aws-cdk/core.ValidationError');

/** A mistake in the props or arguments a user gave a construct. */
export class ValidationError extends Error {
  /** The message of a problem found in the given construct: `<Construct> '<path>': <problem> [<code>]`. */
  public static format(code: ValidationCode, constructName: string, path: string, problem: string): string {
    return `${constructName} '${path}': ${problem} [${code}]`;
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
    super(problems.map((problem) => ValidationError.format(code, constructName, scope.node.path, problem)).join('\n'));
    this.name = 'ValidationError';
    this.constructPath = scope.node.path;
    Object.defineProperty(this, CONSTRUCT_ERROR_SYMBOL, { value: true });
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
  }

  /** Always `'validation'`, as aws-cdk-lib's validation errors say. */
  public get type(): 'validation' {
    return 'validation';
  }
}
