/**
 * Which rule a user's value broke. Every message of a synth-time error of this library ends with
 * the code in brackets (`... [spec]`), so that it reaches Python, Java and Go, where only the
 * message of a JavaScript error crosses over.
 */
export enum ValidationCode {
  /** A prop breaks the API constraints of the resource spec. */
  SPEC = 'spec',
  /** An ARN given to an import is not an ARN of that resource. */
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
