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
import { HandlerEvent, HandOver, InvocationContext, pollDelay, runBeforeDeadline, sleep, WaitState, waitUntilReady } from './waiter';

/** Physical ids starting with this mark a Create that failed before anything existed. */
export const FAILED_CREATE_PREFIX = 'cdk-connect-resources:failed-create:';
/**
 * Physical ids starting with this mark a Create that failed while a create call of its was sent
 * with no answer seen: the resource may exist. The rest is the Create's RequestId, from which the
 * rollback Delete derives the Create's client token, and so finds what that Create made (and
 * nothing an earlier incarnation of the logical id made: its token differs).
 */
export const UNSETTLED_CREATE_PREFIX = 'cdk-connect-resources:unsettled-create:';

/** The edges of the lifecycle, replaceable in unit tests. */
export interface LifecycleEdges {
  /** The resource types served, for the message on an unknown one. */
  readonly resourceTypes: readonly string[];
  loadModule(resourceType: string): Promise<ResourceModule | undefined>;
  /** Starts a fresh asynchronous invocation of this function with the given event (see continuation.ts). */
  continueIn(functionArn: string, event: HandlerEvent): Promise<HandOver>;
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
      fallbackPhysicalId: (state) => fallbackPhysicalId(event, state),
      work: (state) =>
        run(event, state, edges, log).catch((error): CfnAnswer => ({
          // Every known failure is answered inside run(); this is the net for the unforeseen.
          Status: 'FAILED',
          PhysicalResourceId: state.created?.physicalResourceId ?? fallbackPhysicalId(event, state),
          Reason: `${event.LogicalResourceId}: the handler failed unexpectedly: ${describeError(error, true)}`,
        })),
      continueIn: edges.continueIn,
      answer: (response) => answer(event, response, edges, log),
    }),
  );
}

/** One event being worked on: what every request type's steps share. */
interface Job {
  readonly event: HandlerEvent;
  readonly state: WaitState;
  readonly module: ResourceModule;
  /** The event's properties, coerced by the module's spec. */
  readonly props: Readonly<Record<string, unknown>>;
  /** The user's `clientToken`, when set. */
  readonly userToken?: string;
  readonly log: Logger;
}

/** Parses the event and hands it to the function of its request type; every failure becomes a FAILED answer. */
async function run(event: HandlerEvent, state: WaitState, edges: LifecycleEdges, log: Logger): Promise<CfnAnswer> {
  if (event.RequestType === 'Delete' && event.PhysicalResourceId?.startsWith(FAILED_CREATE_PREFIX)) {
    log.info('nothing to delete: the Create had failed before the resource existed');
    return { Status: 'SUCCESS', PhysicalResourceId: event.PhysicalResourceId };
  }

  const module = await edges.loadModule(event.ResourceType);
  if (!module) {
    return failed(fallbackPhysicalId(event, state), `${event.LogicalResourceId}: unknown resource type ${event.ResourceType}; this handler serves ${edges.resourceTypes.join(', ')}`);
  }

  const parsed = checkProperties(module.spec, event.ResourceProperties ?? {}, { templateNames: true });
  if (parsed.problems.length > 0 && event.RequestType !== 'Delete') {
    return failed(fallbackPhysicalId(event, state), `${event.LogicalResourceId} (${event.ResourceType}): ${parsed.problems.join('; ')}`);
  }
  const props = parsed.values;
  const job: Job = { event, state, module, props, log, userToken: typeof props.ClientToken === 'string' ? props.ClientToken : undefined };

  // A continuation's word that a resource was created is not taken on trust: anyone who may
  // invoke the function can forge one. The resource is reported as created only once the service
  // says it is ours. Until then the claim stays in the state: should the deadline come during the
  // check, the hand-over carries it on, or the FAILED answer names it, so that the rollback's
  // Delete finds what this chain made. Naming an unconfirmed claim there is harmless: that
  // Delete, like every Delete, checks the ownership tag before it touches anything.
  if (state.created) {
    const claimed = state.created;
    const verdict = await attempt(job, claimed.physicalResourceId, async () => {
      const owned = await ownsOnceVisible(job, claimed.physicalResourceId);
      if (owned === undefined) throw notFoundAfterCreate(claimed.physicalResourceId, NOT_FOUND_CHECKS, 'ResourceNotFoundException');
      return owned
        ? success(claimed)
        : failed(fallbackPhysicalId(event, state), `${event.LogicalResourceId}: the continuation names a resource that does not carry this stack's ownership tag; nothing was adopted`);
    });
    if (verdict.Status === 'FAILED') {
      state.created = undefined;
      return verdict;
    }
  }

  switch (event.RequestType) {
    case 'Create':
      return createAndWait(job);
    case 'Update':
      return runUpdate(job);
    case 'Delete':
      return runDelete(job);
  }
}

/** An Update: in place, or a replacement (a Create under the old physical id). */
async function runUpdate(job: Job): Promise<CfnAnswer> {
  const { event, state, module, props, log, userToken } = job;
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
  if (changed.length > 0 || state.created) return createAndWait(job);
  const request = { properties: props, oldProperties: oldProps, physicalResourceId: physicalId, context: context(event, '', log) };
  return attempt(job, physicalId, async () => {
    if (!(await owns(job, physicalId))) {
      return failed(physicalId, `${event.LogicalResourceId}: ${physicalId} does not carry this stack's ownership tag; nothing was changed`);
    }
    return success(await persist(job, () => module.update(request)));
  });
}

/**
 * A Delete. Never of what this stack did not create: a forged Delete answers SUCCESS (there is
 * nothing of ours to remove) and leaves the resource alone. The answer always echoes the event's
 * physical id.
 */
async function runDelete(job: Job): Promise<CfnAnswer> {
  const { event, state, module, props, log } = job;
  const physicalId = event.PhysicalResourceId!;
  const done: CfnAnswer = { Status: 'SUCCESS', PhysicalResourceId: physicalId };
  return attempt(job, physicalId, async () => {
    const unsettled = physicalId.startsWith(UNSETTLED_CREATE_PREFIX);
    const target = unsettled ? await unsettledCreate(job, physicalId.slice(UNSETTLED_CREATE_PREFIX.length)) : physicalId;
    if (target === undefined || !(await (unsettled ? ownsOnceVisible(job, target) : ours(job, target)))) return done;
    const request = { properties: props, physicalResourceId: target, context: context(event, '', log) };
    const remove = async () => {
      try {
        await persist(job, () => module.delete(request));
      } catch (error) {
        if (!isNotFound(error)) throw error;
        log.info('already gone', { physicalId: target });
      }
    };
    const presence = module.presence;
    if (!presence) {
      await remove();
      return done;
    }
    // Answering SUCCESS only once the service says gone keeps CloudFormation from deleting what
    // the resource still uses (a directory, a key) before it. A long wait continues in a fresh
    // invocation, which starts over here: asking first, deleting when still present.
    let sent = false;
    for (let n = 0; ; n++) {
      const now = await persist(job, () => presence(request));
      if (now === 'gone') return done;
      if (now === 'present' && !sent) {
        await remove();
        sent = true;
      } else {
        log.info(now === 'settling' ? 'waiting for the resource to settle before deleting it' : 'waiting for the deletion to finish', { physicalId: target });
      }
      await sleep(pollDelay(n), state.signal);
      if (state.abandoned) return failed(physicalId, 'abandoned');
    }
  });
}

/**
 * The resource a failed Create may have made while its outcome was unknown, found again for the
 * rollback's Delete: the create call is repeated with that Create's own client token (derived
 * from its RequestId, which the physical id carries), and the services answer a repeated token
 * with the resource it made. When that Create made nothing, the repeat makes the resource now, and
 * the Delete removes it: a resource made and deleted again is the price of never leaving one
 * behind. A refusal that is not transient means the request could make nothing. Resources the
 * service cannot delete are not made again just to be left behind.
 */
async function unsettledCreate(job: Job, createRequestId: string): Promise<string | undefined> {
  const { event, module, props, log, userToken } = job;
  if (module.undeletable) {
    log.warn('the failed Create may have made a resource, which the service cannot delete; nothing was deleted');
    return undefined;
  }
  const token = userToken ?? deriveClientToken({ ...event, RequestId: createRequestId });
  try {
    const made = await persist(job, () => module.create({ properties: withOwnerTag(module.spec, props, event), context: context(event, token, log) }));
    log.info('found what the failed Create made', { physicalId: made.physicalResourceId });
    return made.physicalResourceId;
  } catch (error) {
    if (isRetryable(error)) throw error;
    log.info('the failed Create made nothing', { error: (error as { name?: string }).name });
    return undefined;
  }
}

/**
 * Whether a resource just created — by a create call this invocation repeated, or by an earlier
 * invocation of the chain — is ours. Reads may lag behind a create (as {@link createAndWait}
 * allows), so "not found" meanwhile does not mean gone: undefined only once it has stayed unseen
 * for {@link NOT_FOUND_CHECKS} checks.
 */
async function ownsOnceVisible(job: Job, physicalId: string): Promise<boolean | undefined> {
  for (let n = 0; n < NOT_FOUND_CHECKS; n++) {
    try {
      return await owns(job, physicalId);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      job.log.info('not visible yet after its creation', { physicalId, attempt: n + 1 });
      await sleep(pollDelay(n), job.state.signal);
      if (job.state.abandoned) throw error;
    }
  }
  return undefined;
}

/** Whether the resource is this stack's; a resource already gone is not (nothing to delete). */
async function ours(job: Job, physicalId: string): Promise<boolean> {
  try {
    if (await owns(job, physicalId)) return true;
    job.log.warn("not deleted: the resource does not carry this stack's ownership tag", { physicalId });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    job.log.info('already gone', { physicalId });
  }
  return false;
}

/**
 * Creates (unless a previous invocation did) and waits until the resource is ready. A failure
 * before the resource is known answers the fallback id: a replacement's the old one.
 */
async function createAndWait(job: Job): Promise<CfnAnswer> {
  const { event, state, module, props, log, userToken } = job;
  const ctx = context(event, userToken ?? deriveClientToken(event), log);
  if (!state.created) {
    const calledBefore = state.createCalled;
    state.createCalled = true;
    // Whether a try of this step may have acted: a retryable failure, or one after SDK retries.
    let mayHaveActed = false;
    try {
      state.created = await persist(job, async () => {
        try {
          return await module.create({ properties: withOwnerTag(module.spec, props, event), context: ctx });
        } catch (error) {
          if (isRetryable(error) || attempts(error) > 1) mayHaveActed = true;
          throw error;
        }
      });
      log.info('created', { physicalId: state.created.physicalResourceId });
    } catch (error) {
      // A refusal at the first attempt of the only try made nothing; after a lost answer or a
      // transient fault in any try, the resource may exist, and the fallback id then says so.
      if (!calledBefore && !mayHaveActed && !isRetryable(error) && attempts(error) <= 1) state.createCalled = false;
      const existing = error instanceof ResourceFailedError ? error.physicalResourceId : undefined;
      return failed(existing ?? fallbackPhysicalId(event, state), `${event.LogicalResourceId}: ${describe(job, error)}`);
    }
  }
  const created = state.created;
  const stabilize = module.stabilize;
  if (!stabilize) return success(created);
  return attempt(job, created.physicalResourceId, async () => {
    let unseen = 0;
    const ready = await waitUntilReady(state, async () => {
      try {
        const outcome = await persist(job, () => stabilize({ properties: props, context: ctx }, created));
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

function owns(job: Job, physicalResourceId: string): Promise<boolean> {
  return persist(job, () => job.module.owns({ properties: job.props, physicalResourceId, context: context(job.event, '', job.log) }));
}

function describe(job: Job, error: unknown): string {
  return describeError(error, holdsCustomerData(job.module.spec));
}

/**
 * Runs a service step, and when it is still throttled, or still meets a transient fault (5xx, a
 * reset, a timeout), after the SDK's own attempts, runs it again after a jittered pause. Throttles
 * are retried for as long as this invocation has time (the deadline then hands the event over):
 * they pass. Transient faults are retried only while less than {@link TRANSIENT_RETRY_MS} has
 * passed since the failing step was first tried — counted across hand-overs, so a short function
 * timeout does not restart the count: a fault that lasts longer is answered, rather than held
 * until the ServiceTimeout. Steps are idempotent, so repeating one is safe; quota and validation
 * errors are answered at once.
 */
async function persist<T>(job: Job, step: () => Promise<T>): Promise<T> {
  const { state, log } = job;
  const firstTry = Date.now();
  for (let n = MAX_ATTEMPTS; ; n++) {
    try {
      const result = await step();
      state.faultSince = undefined;
      return result;
    } catch (error) {
      if (!isRetryable(error) || state.abandoned) throw error;
      const throttled = isThrottling(error);
      if (!throttled && Date.now() - (state.faultSince ??= firstTry) >= TRANSIENT_RETRY_MS) throw error;
      const what = throttled ? 'still throttled' : 'still failing transiently';
      log.info(`${what} after the SDK retries; trying again`, { attempt: n, error: (error as { name?: string }).name });
      await sleep(backoffDelay(n), state.signal);
      if (state.abandoned) throw error;
    }
  }
}

/** Runs a step; a failure is answered with the given physical id. */
async function attempt(job: Job, physicalId: string, step: () => Promise<CfnAnswer>): Promise<CfnAnswer> {
  try {
    return await step();
  } catch (error) {
    const id = error instanceof ResourceFailedError && error.physicalResourceId ? error.physicalResourceId : physicalId;
    return failed(id, `${job.event.LogicalResourceId}: ${describe(job, error)}`);
  }
}

/**
 * How long after a step was first tried a transient fault (5xx, reset, timeout) that outlasted the
 * SDK's attempts may still be tried again: long enough for a blip or a restarted endpoint, short
 * of holding CloudFormation for its whole ServiceTimeout on a fault that does not pass. A try that
 * starts before this ends runs to its own end: {@link MAX_ATTEMPTS} SDK attempts of at most 30 s
 * each (aws-clients.ts) plus the SDK's backoff, so a fault that does not pass is answered at most
 * about two and a half minutes after the step began. Ours, not documented.
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

/**
 * The id to answer a failure with when no resource of ours is known: the current one, or else a
 * marker of the failed Create that says whether a create call may have made something.
 */
function fallbackPhysicalId(event: CfnEvent, state: Pick<WaitState, 'createCalled'>): string {
  return event.PhysicalResourceId ?? `${state.createCalled ? UNSETTLED_CREATE_PREFIX : FAILED_CREATE_PREFIX}${event.RequestId}`;
}

/** How many attempts the SDK made of the call that failed (1 when it does not say). */
function attempts(error: unknown): number {
  return (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
}

/** Property values as delivered compare equal when their JSON is equal (they are plain data). */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
