/**
 * The resource types' contract between construct and handler: each type's spec — its template
 * interface, the API constraints of each property, its rate quota — and the rule engine that
 * checks them.
 *
 * Both sides load it: the constructs check literal props at synth, the handler checks what
 * CloudFormation delivers. It therefore imports neither aws-cdk-lib, constructs nor an AWS SDK
 * client (test/contract.test.ts enforces this).
 */
export * from './rules';
export * from './connect-instance';
export * from './case';
export * from './contact-evaluation';
export * from './flow-version';
export * from './engagement-context';
export * from './partner-central-data';
export * from './rate-quota';

import { CONNECT_CASE } from './case';
import { CONNECT_INSTANCE } from './connect-instance';
import { CONNECT_CONTACT_EVALUATION } from './contact-evaluation';
import { ENGAGEMENT_CONTEXT } from './engagement-context';
import { CONNECT_FLOW_VERSION } from './flow-version';

/** Every resource type's spec. */
export const RESOURCE_SPECS = [CONNECT_INSTANCE, CONNECT_FLOW_VERSION, CONNECT_CONTACT_EVALUATION, CONNECT_CASE, ENGAGEMENT_CONTEXT] as const;

/**
 * The handler function's timeout, as `ConnectResourcesHandler.configure` accepts it (seconds):
 * Lambda's own range is 1–900 s; below a minute too little is left once the handler keeps its
 * safety margin for answering. The handler bounds its hand-over chains by it (intake.ts).
 */
export const HANDLER_TIMEOUT_S = { min: 60, max: 900 } as const;
