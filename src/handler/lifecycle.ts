/**
 * The lifecycle every resource type shares: one CloudFormation event in, exactly one answer out.
 *
 * event ─▶ parse + validate (the spec) ─▶ decide (create / update in place / replace / delete /
 * skip) ─▶ resource module ─▶ wait until ready (waiter.ts) ─▶ answer
 *
 * The clock — the deadline, the hand-over to a fresh invocation, the pauses between readiness
 * checks — is the waiter's (waiter.ts); this module decides what an event asks for.
 */
import { checkProperties, holdsCustomerData, replacingProperties, uniqueNameProperties } from '../contract';
import type { CfnAnswer, CfnEvent } from './cfn-response';
import { deriveClientToken } from './client-token';
import { describeError, isNotFound, isRetryable, isThrottling, ResourceFailedError } from './errors';
import { createLogger, Logger, logContext } from './log';
import { withOwnerTag } from './ownership';
import { backoffDelay, MAX_ATTEMPTS } from './retry';
import type { Outcome, ResourceContext, ResourceModule } from './resource-module';
import { HandlerEvent, InvocationContext, pollDelay, runBeforeDeadline, sleep, WaitState, waitUntilReady } from './waiter';

/** Physical ids starting with this mark a Create that failed before anything existed. */
export const FAILED_CREATE_PREFIX = 'cdk-connect-resources:failed-create:';

/** The edges of the lifecycle, replaceable in unit tests. */
export interface LifecycleEdges {
  /** The resource types served, for the message on an unknown one. */
  readonly resourceTypes: readonly string[];
  loadModule(resourceType: string): Promise<ResourceModule | undefined>;
  /** Starts a fresh asynchronous invocation of this function with the given event. */
  continueIn(functionArn: string, event: HandlerEvent): Promise<void>;
  send(event: CfnEvent, answer: CfnAnswer): Promise<void>;
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
  return logContext.run(log, () =>
    runBeforeDeadline({
      event,
      context,
      log,
      fallbackPhysicalId: fallbackPhysicalId(event),
      work: (state) =>
        run(event, state, edges).catch((error): CfnAnswer => ({
          // Every known failure is answered inside run(); this is the net for the unforeseen.
          Status: 'FAILED',
          PhysicalResourceId: state.created?.physicalResourceId ?? fallbackPhysicalId(event),
          Reason: `${event.LogicalResourceId}: the handler failed unexpectedly: ${describeError(error, true)}`,
        })),
      continueIn: edges.continueIn,
      answer: (response) => answer(event, response, edges, log),
    }),
  );
}

/** Decides what the event asks for and does it; every failure becomes a FAILED answer. */
async function run(event: HandlerEvent, state: WaitState, edges: LifecycleEdges): Promise<CfnAnswer> {
  const log = logContext.getStore()!;
  if (event.RequestType === 'Delete' && event.PhysicalResourceId?.startsWith(FAILED_CREATE_PREFIX)) {
    log.info('nothing to delete: the Create had failed before the resource existed');
    return { Status: 'SUCCESS', PhysicalResourceId: event.PhysicalResourceId };
  }

  const module = await edges.loadModule(event.ResourceType);
  if (!module) {
    return failed(fallbackPhysicalId(event), `${event.LogicalResourceId}: unknown resource type ${event.ResourceType}; this handler serves ${edges.resourceTypes.join(', ')}`);
  }

  const parsed = checkProperties(module.spec, event.ResourceProperties ?? {}, { templateNames: true });
  if (parsed.problems.length > 0 && event.RequestType !== 'Delete') {
    return failed(fallbackPhysicalId(event), `${event.LogicalResourceId} (${event.ResourceType}): ${parsed.problems.join('; ')}`);
  }
  const props = parsed.values;
  const userToken = typeof props.ClientToken === 'string' ? props.ClientToken : undefined;
  const describe = (error: unknown) => describeError(error, holdsCustomerData(module.spec));
  const owns = (physicalResourceId: string) =>
    persist(() => module.owns({ properties: props, physicalResourceId, context: context(event, '', log) }));

  // A continuation's word that a resource was created is not taken on trust: anyone who may
  // invoke the function can forge one. Adopt (and report) the resource only when it is ours.
  if (state.created) {
    // Until confirmed, the claimed resource is not ours: a deadline meanwhile must not report it.
    const claimed = state.created;
    state.created = undefined;
    const verdict = await attempt(fallbackPhysicalId(event), async () =>
      (await owns(claimed.physicalResourceId))
        ? success(claimed)
        : failed(fallbackPhysicalId(event), `${event.LogicalResourceId}: the continuation names a resource that does not carry this stack's ownership tag; nothing was adopted`),
    );
    if (verdict.Status === 'FAILED') return verdict;
    state.created = claimed;
  }

  switch (event.RequestType) {
    case 'Create': {
      const ctx = context(event, userToken ?? deriveClientToken(event), log);
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
        const kept = uniqueNameProperties(module.spec).filter((name) => props[name] !== undefined && sameValue(props[name], oldProps[name]));
        if (kept.length > 0) {
          const names = kept.map((name) => `${name} (${module.spec.properties[name].prop})`).join(', ');
          return failed(
            physicalId,
            `${event.LogicalResourceId}: ${changed.join(', ')} changed, which needs a new resource, but ${names} did not. CloudFormation creates the ` +
              `replacement before it deletes ${physicalId}, and the service keeps ${kept.join(', ')} unique: a replacement needs a new ${kept.join(', ')}. ` +
              `Change it together with ${changed.join(', ')}; nothing was created`,
          );
        }
      }
      if (changed.length > 0 || state.created) {
        const ctx = context(event, userToken ?? deriveClientToken(event), log);
        // A replacement that fails before the new resource exists answers the old id.
        return createAndWait(ctx, physicalId);
      }
      const request = { properties: props, oldProperties: oldProps, physicalResourceId: physicalId, context: context(event, '', log) };
      return attempt(physicalId, async () => {
        if (!(await owns(physicalId))) {
          return failed(physicalId, `${event.LogicalResourceId}: ${physicalId} does not carry this stack's ownership tag; nothing was changed`);
        }
        return success(await persist(() => module.update(request)));
      });
    }
    case 'Delete': {
      const physicalId = event.PhysicalResourceId!;
      const request = { properties: props, physicalResourceId: physicalId, context: context(event, '', log) };
      const remove = async () => {
        try {
          await persist(() => module.delete(request));
        } catch (error) {
          if (!isNotFound(error)) throw error;
          log.info('already gone', { physicalId });
        }
      };
      // Never delete what this stack did not create: a forged Delete answers SUCCESS (there is
      // nothing of ours to remove) and leaves the resource alone.
      const ours = async (): Promise<boolean> => {
        try {
          if (await owns(physicalId)) return true;
          log.warn('not deleted: the resource does not carry this stack\'s ownership tag', { physicalId });
        } catch (error) {
          if (!isNotFound(error)) throw error;
          log.info('already gone', { physicalId });
        }
        return false;
      };
      const presence = module.presence;
      if (!presence) {
        return attempt(physicalId, async () => {
          if (await ours()) await remove();
          return { Status: 'SUCCESS', PhysicalResourceId: physicalId };
        });
      }
      // Answering SUCCESS only once the service says gone keeps CloudFormation from deleting what
      // the resource still uses (a directory, a key) before it. A long wait continues in a fresh
      // invocation, which starts over here: asking first, deleting when still present.
      return attempt(physicalId, async () => {
        if (!(await ours())) return { Status: 'SUCCESS', PhysicalResourceId: physicalId };
        let sent = false;
        for (let n = 0; ; n++) {
          const now = await persist(() => presence(request));
          if (now === 'gone') return { Status: 'SUCCESS', PhysicalResourceId: physicalId };
          if (now === 'present' && !sent) {
            await remove();
            sent = true;
          } else {
            log.info(now === 'settling' ? 'waiting for the resource to settle before deleting it' : 'waiting for the deletion to finish', { physicalId });
          }
          await sleep(pollDelay(n), state.signal);
          if (state.abandoned) return failed(physicalId, 'abandoned');
        }
      });
    }
  }

  /** Creates (unless a previous invocation did) and waits until the resource is ready. */
  async function createAndWait(ctx: ResourceContext, failureId: string): Promise<CfnAnswer> {
    if (!state.created) {
      try {
        state.created = await persist(() => module!.create({ properties: withOwnerTag(module!.spec, props, event), context: ctx }));
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
      let unseen = 0;
      const ready = await waitUntilReady(state, async () => {
        try {
          const outcome = await persist(() => stabilize({ properties: props, context: ctx }, created));
          unseen = 0;
          return outcome;
        } catch (error) {
          if (!isNotFound(error)) throw error;
          // Reads may lag behind a create that has returned an id (eventual consistency).
          if (++unseen >= NOT_FOUND_CHECKS) throw notFoundAfterCreate(created.physicalResourceId, unseen, error);
          log.info('not visible yet after its creation', { physicalId: created.physicalResourceId, attempt: unseen });
          return undefined;
        }
      });
      return ready ? success(ready) : failed(created.physicalResourceId, 'abandoned');
    });
  }

  /**
   * Runs a service step, and when it is still throttled, or still meets a transient fault (5xx, a
   * reset, a timeout), after the SDK's own attempts, runs it again after a jittered pause. Throttles
   * are retried for as long as this invocation has time (the deadline then hands the event over):
   * they pass. Transient faults are retried for {@link TRANSIENT_RETRY_MS} from the first: a fault
   * that lasts longer is answered, rather than held until the ServiceTimeout. Steps are
   * idempotent, so repeating one is safe; quota and validation errors are answered at once.
   */
  async function persist<T>(step: () => Promise<T>): Promise<T> {
    let firstFault: number | undefined;
    for (let n = MAX_ATTEMPTS; ; n++) {
      try {
        return await step();
      } catch (error) {
        if (!isRetryable(error) || state.abandoned) throw error;
        const throttled = isThrottling(error);
        if (!throttled && Date.now() - (firstFault ??= Date.now()) > TRANSIENT_RETRY_MS) throw error;
        const what = throttled ? 'still throttled' : 'still failing transiently';
        log.info(`${what} after the SDK retries; trying again`, { attempt: n, error: (error as { name?: string }).name });
        await sleep(backoffDelay(n), state.signal);
        if (state.abandoned) throw error;
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

/**
 * How long a step keeps being retried after its first transient fault (5xx, reset, timeout) that
 * outlasted the SDK's attempts: long enough for a blip or a restarted endpoint, short of holding
 * CloudFormation for its whole ServiceTimeout on a fault that does not pass. Ours, not documented.
 */
export const TRANSIENT_RETRY_MS = 60_000;

/**
 * Consecutive "not found" answers tolerated while waiting for a resource just created, like the
 * Terraform AWS provider's wait for a Connect instance (StateChangeConf's default NotFoundChecks
 * of 20; its status function maps ResourceNotFoundException to "not there yet"). At the poll
 * delays above that is about a minute. That reads lag behind CreateInstance is not documented;
 * the bound is ours.
 */
export const NOT_FOUND_CHECKS = 20;

function notFoundAfterCreate(physicalId: string, checks: number, error: unknown): ResourceFailedError {
  return new ResourceFailedError(
    `${physicalId} was created, but the service answered "not found" on ${checks} checks in a row (${describeError(error)}). ` +
      'It may have been deleted since — a client token reused from an earlier, deleted resource makes the service answer with that resource',
    physicalId,
  );
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

/** Property values as delivered compare equal when their JSON is equal (they are plain data). */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
