/**
 * The lifecycle every resource type shares: one CloudFormation event in, exactly one answer out.
 *
 * event ─▶ parse + validate (constraints table) ─▶ decide (create / update in place / replace /
 * delete / skip) ─▶ resource module ─▶ wait until ready ─▶ answer
 *
 * A deadline timer runs beside the work. When the invocation's time is nearly up, the work is
 * abandoned and either handed to a fresh asynchronous invocation of this function (which carries
 * what is known so far) or, when CloudFormation's ServiceTimeout is nearly up too, answered FAILED.
 * Creates are idempotent (client tokens), so a continuation may safely repeat the last step.
 */
import { checkProperties, holdsCustomerData, replacingProperties } from '../spec';
import type { CfnAnswer, CfnEvent } from './cfn-response';
import { deriveClientToken } from './client-token';
import { backoffDelay, MAX_ATTEMPTS } from './aws-clients';
import { describeError, isNotFound, isThrottling, ResourceFailedError } from './errors';
import { createLogger, Logger, logContext } from './log';
import { withOwnerTag } from './ownership';
import type { Outcome, ResourceContext, ResourceModule } from './resource-module';

/** Physical ids starting with this mark a Create that failed before anything existed. */
export const FAILED_CREATE_PREFIX = 'cdk-connect-resources:failed-create:';

/** The key under which a continuation carries its state in the event. */
export const CONTINUATION_KEY = 'CdkConnectResourcesContinuation';

/** What a continuation invocation knows from the invocations before it. */
export interface Continuation {
  /** When the first invocation for this event started (epoch ms). */
  readonly startedAt: number;
  /** Which invocation this is (1 = the one CloudFormation made). */
  readonly invocation: number;
  /** The resource, once created: the continuation only waits for it. */
  readonly created?: Outcome;
}

export type HandlerEvent = CfnEvent & { readonly [CONTINUATION_KEY]?: Continuation };

/** The parts of the Lambda context the lifecycle uses. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
  readonly invokedFunctionArn: string;
}

/** The edges of the lifecycle, replaceable in unit tests. */
export interface LifecycleEdges {
  /** The resource types served, for the message on an unknown one. */
  readonly resourceTypes: readonly string[];
  loadModule(resourceType: string): Promise<ResourceModule | undefined>;
  /** Starts a fresh asynchronous invocation of this function with the given event. */
  continueIn(functionArn: string, event: HandlerEvent): Promise<void>;
  send(event: CfnEvent, answer: CfnAnswer): Promise<void>;
}

/**
 * Time kept in hand for answering (or handing off) before the invocation or ServiceTimeout ends.
 * Its worst case: a hand-over that fails after its full budget (continuation.ts, 4 s), then the
 * FAILED answer's PUT retried until 1 s before the invocation ends (index.ts): 4 + 5 + 1 s.
 */
export const SAFETY_MARGIN_MS = 10_000;
/**
 * CloudFormation's ServiceTimeout when the resource does not set one, and its largest value
 * (seconds; documented: "an integer from 1 to 3600. The default value is 3600", crpg-ref-requests).
 */
const DEFAULT_SERVICE_TIMEOUT_S = 3600;

/**
 * The pause before each readiness check: 2 s, growing by 0.5 s to at most 3 s. The answer then
 * follows readiness by at most 3 s, at fewer than one call per 2 s (see BENCHMARKS.md, Waiter).
 */
export function pollDelay(attempt: number): number {
  return Math.min(3_000, 2_000 + 500 * attempt);
}

/** Handles one event (first delivery or continuation) and makes sure it is answered exactly once. */
export async function handleEvent(event: HandlerEvent, context: InvocationContext, edges: LifecycleEdges): Promise<void> {
  const log = createLogger({
    requestType: event.RequestType,
    resourceType: event.ResourceType,
    logicalId: event.LogicalResourceId,
    physicalId: event.PhysicalResourceId,
    requestId: event.RequestId,
  });
  return logContext.run(log, () => handleLogged(event, context, edges, log));
}

async function handleLogged(event: HandlerEvent, context: InvocationContext, edges: LifecycleEdges, log: Logger): Promise<void> {
  const previous = event[CONTINUATION_KEY];
  const continuation: Continuation = previous ?? { startedAt: Date.now(), invocation: 1 };
  const state: RunState = { created: continuation.created, abandoned: false };
  log.info(previous ? 'continuing' : 'received', { attempt: continuation.invocation });

  const invocationEnd = Date.now() + context.getRemainingTimeInMillis() - SAFETY_MARGIN_MS;
  const budgetEnd = continuation.startedAt + serviceTimeoutSeconds(event) * 1000 - SAFETY_MARGIN_MS;

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), Math.max(0, Math.min(invocationEnd, budgetEnd) - Date.now()));
  });
  const work = run(event, state, edges).catch((error): CfnAnswer => ({
    // Every known failure is answered inside run(); this is the net for the unforeseen.
    Status: 'FAILED',
    PhysicalResourceId: state.created?.physicalResourceId ?? fallbackPhysicalId(event),
    Reason: `${event.LogicalResourceId}: the handler failed unexpectedly: ${describeError(error, true)}`,
  }));

  const first = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (first !== 'deadline') return answer(event, first, edges, log);

  // Out of time: whatever the abandoned work does from here on is ignored.
  state.abandoned = true;
  const physicalId = state.created?.physicalResourceId ?? fallbackPhysicalId(event);
  const budgetLeft = budgetEnd - Date.now();
  if (budgetLeft > SAFETY_MARGIN_MS) {
    const next: Continuation = { startedAt: continuation.startedAt, invocation: continuation.invocation + 1, created: state.created };
    try {
      await edges.continueIn(context.invokedFunctionArn, { ...event, [CONTINUATION_KEY]: next });
      log.info('handed over to a fresh invocation', { attempt: next.invocation, physicalId });
      return;
    } catch (error) {
      log.error('could not hand over to a fresh invocation', { error: describeError(error) });
      return answer(event, failed(physicalId, `${event.LogicalResourceId}: ran out of time and could not continue in a fresh invocation: ${describeError(error)}`), edges, log);
    }
  }
  const waited = Math.round((Date.now() - continuation.startedAt) / 1000);
  const what = state.created ? `waiting for ${physicalId} to become ready` : `the ${event.RequestType}`;
  return answer(event, failed(physicalId, `${event.LogicalResourceId}: gave up on ${what} after ${waited} s, before CloudFormation's ServiceTimeout`), edges, log);
}

interface RunState {
  created?: Outcome;
  abandoned: boolean;
}

/** Decides what the event asks for and does it; every failure becomes a FAILED answer. */
async function run(event: HandlerEvent, state: RunState, edges: LifecycleEdges): Promise<CfnAnswer> {
  const log = logContext.getStore()!;
  if (event.RequestType === 'Delete' && event.PhysicalResourceId?.startsWith(FAILED_CREATE_PREFIX)) {
    log.info('nothing to delete: the Create had failed before the resource existed');
    return { Status: 'SUCCESS', PhysicalResourceId: event.PhysicalResourceId };
  }

  const module = await edges.loadModule(event.ResourceType);
  if (!module) {
    return failed(fallbackPhysicalId(event), `${event.LogicalResourceId}: unknown resource type ${event.ResourceType}; this handler serves ${edges.resourceTypes.join(', ')}`);
  }

  const describe = (error: unknown) => describeError(error, holdsCustomerData(module.spec));
  const parsed = checkProperties(module.spec, event.ResourceProperties ?? {}, { templateNames: true });
  if (parsed.problems.length > 0 && event.RequestType !== 'Delete') {
    return failed(fallbackPhysicalId(event), `${event.LogicalResourceId} (${event.ResourceType}): ${parsed.problems.join('; ')}`);
  }
  const props = parsed.values;
  const replacing = replacingProperties(module.spec).filter((name) => name !== 'ClientToken');
  const userToken = props.ClientToken as string | undefined;

  // A continuation's word that a resource was created is not taken on trust: anyone who may
  // invoke the function can forge one. Adopt (and report) the resource only when it is ours.
  if (state.created) {
    // Until confirmed, the claimed resource is not ours: a deadline meanwhile must not report it.
    const claimed = state.created;
    state.created = undefined;
    const verdict = await attempt(fallbackPhysicalId(event), async () =>
      (await persist(() => module.owns(props, claimed.physicalResourceId, context(event, '', log))))
        ? success(claimed)
        : failed(fallbackPhysicalId(event), `${event.LogicalResourceId}: the continuation names a resource that does not carry this stack's ownership tag; nothing was adopted`),
    );
    if (verdict.Status === 'FAILED') return verdict;
    state.created = claimed;
  }

  switch (event.RequestType) {
    case 'Create': {
      const ctx = context(event, userToken ?? deriveClientToken(event, replacing), log);
      return createAndWait(ctx, fallbackPhysicalId(event));
    }
    case 'Update': {
      const physicalId = event.PhysicalResourceId!;
      const oldProps = checkProperties(module.spec, event.OldResourceProperties ?? {}).values;
      const changed = replacingProperties(module.spec).filter((name) => !sameValue(event.ResourceProperties[name], event.OldResourceProperties?.[name]));
      if (changed.length > 0 && !state.created) {
        log.info('replacing', { reason: `changed: ${changed.join(', ')}` });
        if (userToken !== undefined && userToken === oldProps.ClientToken) {
          return failed(physicalId, `${event.LogicalResourceId}: ${changed.join(', ')} changed, which needs a new resource, but ClientToken (clientToken) did not; the service would hand back the existing resource. Change clientToken too, or leave it out to have one derived`);
        }
      }
      if (changed.length > 0 || state.created) {
        const ctx = context(event, userToken ?? deriveClientToken(event, replacing, physicalId), log);
        // A replacement that fails before the new resource exists answers the old id.
        return createAndWait(ctx, physicalId);
      }
      return attempt(physicalId, async () => {
        if (!(await persist(() => module.owns(props, physicalId, context(event, '', log))))) {
          return failed(physicalId, `${event.LogicalResourceId}: ${physicalId} does not carry this stack's ownership tag; nothing was changed`);
        }
        return success(await persist(() => module.update(props, oldProps, physicalId, context(event, '', log))));
      });
    }
    case 'Delete': {
      const physicalId = event.PhysicalResourceId!;
      return attempt(physicalId, async () => {
        try {
          // Never delete what this stack did not create: a forged Delete answers SUCCESS (there is
          // nothing of ours to remove) and leaves the resource alone.
          if (!(await persist(() => module.owns(props, physicalId, context(event, '', log))))) {
            log.warn('not deleted: the resource does not carry this stack\'s ownership tag', { physicalId });
            return { Status: 'SUCCESS', PhysicalResourceId: physicalId };
          }
          await persist(() => module.delete(props, physicalId, context(event, '', log)));
        } catch (error) {
          if (!isNotFound(error)) throw error;
          log.info('already gone', { physicalId });
        }
        return { Status: 'SUCCESS', PhysicalResourceId: physicalId };
      });
    }
  }

  /** Creates (unless a previous invocation did) and waits until the resource is ready. */
  async function createAndWait(ctx: ResourceContext, failureId: string): Promise<CfnAnswer> {
    if (!state.created) {
      try {
        state.created = await persist(() => module!.create(withOwnerTag(module!.spec, props, event), ctx));
        log.info('created', { physicalId: state.created.physicalResourceId });
      } catch (error) {
        const existing = error instanceof ResourceFailedError ? error.physicalResourceId : undefined;
        return failed(existing ?? failureId, `${event.LogicalResourceId}: ${describe(error)}`);
      }
    }
    const created = state.created;
    const stabilize = module!.stabilize;
    if (!stabilize) return success(created);
    return attempt(created.physicalResourceId, async () => {
      // Waiting starts with a pause: a resource that needs waiting for is never ready at once.
      for (let n = 0; ; n++) {
        await sleep(pollDelay(n));
        if (state.abandoned) return failed(created.physicalResourceId, 'abandoned');
        const ready = await persist(() => stabilize(props, created, ctx));
        if (ready) return success(ready);
      }
    });
  }

  /**
   * Runs a service step, and when the service still throttles after the SDK's own attempts, runs
   * it again after a jittered pause, for as long as this invocation has time (the deadline then
   * hands the event over). Hundreds of resources created at once must all get through in the end.
   * Steps are idempotent, so repeating one is safe.
   */
  async function persist<T>(step: () => Promise<T>): Promise<T> {
    for (let n = MAX_ATTEMPTS; ; n++) {
      try {
        return await step();
      } catch (error) {
        if (!isThrottling(error) || state.abandoned) throw error;
        log.info('still throttled after the SDK retries; trying again', { attempt: n });
        await sleep(backoffDelay(n));
      }
    }
  }

  /** Runs a step; a failure is answered with the given physical id. */
  async function attempt(physicalId: string, step: () => Promise<CfnAnswer>): Promise<CfnAnswer> {
    try {
      return await step();
    } catch (error) {
      const id = error instanceof ResourceFailedError && error.physicalResourceId ? error.physicalResourceId : physicalId;
      return failed(id, `${event.LogicalResourceId}: ${describe(error)}`);
    }
  }
}

async function answer(event: CfnEvent, response: CfnAnswer, edges: LifecycleEdges, log: Logger): Promise<void> {
  log.info('answering', { status: response.Status, physicalId: response.PhysicalResourceId, reason: response.Reason });
  await edges.send(event, response);
}

function context(event: CfnEvent, clientToken: string, log: Logger): ResourceContext {
  return { event, clientToken, log };
}

function success(outcome: Outcome): CfnAnswer {
  return { Status: 'SUCCESS', PhysicalResourceId: outcome.physicalResourceId, Data: outcome.data };
}

function failed(physicalResourceId: string, reason: string): CfnAnswer {
  return { Status: 'FAILED', PhysicalResourceId: physicalResourceId, Reason: reason };
}

/** The id to answer with when no resource of ours exists: the current one, or a failed-create marker. */
function fallbackPhysicalId(event: CfnEvent): string {
  return event.PhysicalResourceId ?? `${FAILED_CREATE_PREFIX}${event.RequestId}`;
}

function serviceTimeoutSeconds(event: CfnEvent): number {
  // CloudFormation refuses other values, so anything else did not come from it.
  const value = Number(event.ResourceProperties?.ServiceTimeout);
  return Number.isInteger(value) && value >= 1 && value <= DEFAULT_SERVICE_TIMEOUT_S ? value : DEFAULT_SERVICE_TIMEOUT_S;
}

/** Property values as delivered compare equal when their JSON is equal (they are plain data). */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
