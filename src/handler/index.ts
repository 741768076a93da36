/**
 * The handler of every cdk-connect-resources custom resource.
 *
 * Dispatch is by ResourceType, keyed by each spec's own resource type. Each resource type's
 * module is imported only when an event of that type arrives, so an event loads only its own
 * service's SDK client.
 */
import { CONNECT_CASE, CONNECT_CONTACT_EVALUATION, CONNECT_FLOW_VERSION, CONNECT_INSTANCE, ENGAGEMENT_CONTEXT } from '../spec';
import { sendAnswer } from './cfn-response';
import { handleEvent, LifecycleEdges } from './lifecycle';
import type { ResourceModule } from './resource-module';
import type { HandlerEvent, InvocationContext } from './waiter';

const MODULES: Record<string, () => Promise<{ default: ResourceModule }>> = {
  [CONNECT_INSTANCE.resourceType]: () => import('./resources/connect-instance'),
  [ENGAGEMENT_CONTEXT.resourceType]: () => import('./resources/engagement-context'),
  [CONNECT_CONTACT_EVALUATION.resourceType]: () => import('./resources/contact-evaluation'),
  [CONNECT_CASE.resourceType]: () => import('./resources/case'),
  [CONNECT_FLOW_VERSION.resourceType]: () => import('./resources/flow-version'),
};

const edges: LifecycleEdges = {
  resourceTypes: Object.keys(MODULES),
  loadModule: async (type) => (Object.hasOwn(MODULES, type) ? (await MODULES[type]()).default : undefined),
  continueIn: async (functionArn, event) => (await import('./continuation')).invokeAsync(functionArn, event),
  send: sendAnswer,
};

/** The Lambda entry point. */
export async function handler(event: HandlerEvent, context: InvocationContext): Promise<void> {
  await handleEvent(event, context, edges);
}
