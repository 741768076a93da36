/**
 * The handler of every cdk-connect-resources custom resource.
 *
 * Every payload first passes the intake (intake.ts): only an event with an acceptable ResponseURL
 * and CloudFormation's shape reaches the lifecycle. Dispatch is then by ResourceType, keyed by
 * each spec's own resource type. Each resource type's module is imported only when an event of
 * that type arrives, so an event loads only its own service's SDK client.
 */
import { CONNECT_CASE, CONNECT_CONTACT_EVALUATION, CONNECT_FLOW_VERSION, CONNECT_INSTANCE, ENGAGEMENT_CONTEXT } from '../contract';
import { AnswerRefusedError, CfnAnswer, CfnEvent, sendAnswer } from './cfn-response';
import { describeError } from './errors';
import { admit, EXTRA_RESPONSE_HOSTS_ENV } from './intake';
import { FAILED_CREATE_PREFIX, handleEvent, LifecycleEdges } from './lifecycle';
import { createLogger } from './log';
import type { ResourceModule } from './resource-module';
import type { InvocationContext } from './waiter';

const MODULES: Record<string, () => Promise<{ default: ResourceModule }>> = {
  [CONNECT_INSTANCE.resourceType]: () => import('./resources/connect-instance'),
  [ENGAGEMENT_CONTEXT.resourceType]: () => import('./resources/engagement-context'),
  [CONNECT_CONTACT_EVALUATION.resourceType]: () => import('./resources/contact-evaluation'),
  [CONNECT_CASE.resourceType]: () => import('./resources/case'),
  [CONNECT_FLOW_VERSION.resourceType]: () => import('./resources/flow-version'),
};

/**
 * Time kept after the last answer attempt before the invocation ends, so the answer's PUT is
 * over (answered or given up) before Lambda stops the process.
 */
const ANSWER_RESERVE_MS = 1_000;

/** The Lambda entry point: any payload in, at most one answer out, before the invocation ends. */
export async function handler(payload: unknown, context: InvocationContext): Promise<void> {
  const answerBy = Date.now() + context.getRemainingTimeInMillis() - ANSWER_RESERVE_MS;
  const send = (event: CfnEvent, answer: CfnAnswer) => sendWithin(event, answer, answerBy);
  const intake = admit(payload, Object.keys(MODULES), process.env[EXTRA_RESPONSE_HOSTS_ENV]);
  switch (intake.kind) {
    case 'unanswerable':
      createLogger({}).error('not answered and not acted on', { refused: intake.reason });
      return;
    case 'refused': {
      const { event, reason } = intake;
      createLogger({ requestId: String(event.RequestId), logicalId: String(event.LogicalResourceId) }).error('refused', { refused: reason });
      // A refused Create made nothing: the marker lets its Delete skip it.
      const physicalId = typeof event.PhysicalResourceId === 'string' && event.PhysicalResourceId ? event.PhysicalResourceId : `${FAILED_CREATE_PREFIX}${String(event.RequestId)}`;
      return send(event, { Status: 'FAILED', PhysicalResourceId: physicalId, Reason: reason });
    }
    case 'admitted': {
      const edges: LifecycleEdges = {
        resourceTypes: Object.keys(MODULES),
        loadModule: async (type) => (Object.hasOwn(MODULES, type) ? (await MODULES[type]()).default : undefined),
        continueIn: async (functionArn, event) => (await import('./continuation')).invokeAsync(functionArn, event),
        send,
      };
      return handleEvent(intake.event, context, edges);
    }
  }
}

/**
 * Sends the answer by `deadline`. A refusal by the ResponseURL (4xx) is logged and not thrown: a
 * Lambda retry would meet the same refusal. Other failures are thrown, so that Lambda's own retry
 * (see the provider's event-invoke settings) gets another chance to answer.
 */
async function sendWithin(event: CfnEvent, answer: CfnAnswer, deadline: number): Promise<void> {
  try {
    await sendAnswer(event, answer, deadline);
  } catch (error) {
    createLogger({ requestId: event.RequestId, logicalId: event.LogicalResourceId }).error('could not deliver the answer', { error: describeError(error) });
    if (!(error instanceof AnswerRefusedError)) throw error;
  }
}
