/**
 * The handler of every cdk-connect-resources custom resource.
 *
 * Dispatch is by ResourceType. Each resource type's module is imported only when an event of
 * that type arrives, so an event loads only its own service's SDK client.
 */
import { sendAnswer } from './cfn-response';
import { HandlerEvent, handleEvent, InvocationContext, LifecycleEdges } from './lifecycle';
import type { ResourceModule } from './resource-module';

const MODULES: Record<string, () => Promise<{ default: ResourceModule }>> = {
  'Custom::ConnectInstance': () => import('./resources/connect-instance'),
  'Custom::PartnerCentralEngagementContext': () => import('./resources/engagement-context'),
  'Custom::ConnectContactEvaluation': () => import('./resources/contact-evaluation'),
  'Custom::ConnectCase': () => import('./resources/case'),
  'Custom::ConnectFlowVersion': () => import('./resources/flow-version'),
};

const edges: LifecycleEdges = {
  resourceTypes: Object.keys(MODULES),
  loadModule: async (type) => (Object.hasOwn(MODULES, type) ? (await MODULES[type]()).default : undefined),
  continueIn: async (functionArn, event) => (await import('./continuation')).invokeAsync(functionArn, event),
  send: sendAnswer,
};

export async function handler(event: HandlerEvent, context: InvocationContext): Promise<void> {
  await handleEvent(event, context, edges);
}
