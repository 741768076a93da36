/**
 * The resource spec: the template interface of every resource type, the API constraints of each
 * property, and the rule engine that checks them.
 *
 * Both sides load it: the constructs check literal props at synth, the handler checks what
 * CloudFormation delivers. It therefore imports neither aws-cdk-lib, constructs nor an AWS SDK
 * client (test/spec.test.ts enforces this).
 */
export * from './rules';
export * from './connect-instance';
export * from './case';
export * from './contact-evaluation';
export * from './flow-version';
export * from './engagement-context';
export * from './partner-central-data';
