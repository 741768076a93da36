/**
 * What a resource type module provides. The lifecycle (lifecycle.ts) does everything that is the
 * same for all of them: parsing and validation, client tokens, replacement decisions, waiting,
 * deadlines, failure ids, "already gone" on Delete and the one answer to CloudFormation.
 */
import type { ResourceSpec } from '../spec';
import type { CfnEvent } from './cfn-response';
import type { Logger } from './log';

/** Coerced and validated properties, keyed by template (API) name. */
export type Properties = Readonly<Record<string, unknown>>;

/** What a module knows about the current event. */
export interface ResourceContext {
  readonly event: CfnEvent;
  /** The idempotency token for a Create (deterministic, or the user's `ClientToken`). */
  readonly clientToken: string;
  readonly log: Logger;
}

/** A resource as CloudFormation should see it. */
export interface Outcome {
  readonly physicalResourceId: string;
  /** The attributes (`Fn::GetAtt`), by API output member name. */
  readonly data: Record<string, string>;
}

/** One resource type: only what differs between resource types lives in a module. */
export interface ResourceModule {
  readonly spec: ResourceSpec;
  /** Creates the resource idempotently (same token, same resource). */
  create(props: Properties, ctx: ResourceContext): Promise<Outcome>;
  /** Applies changes of properties that do not force a replacement. */
  update(props: Properties, oldProps: Properties, physicalResourceId: string, ctx: ResourceContext): Promise<Outcome>;
  /** Deletes the resource. "Not found" errors are treated as success by the lifecycle. */
  delete(props: Properties, physicalResourceId: string, ctx: ResourceContext): Promise<void>;
  /**
   * For resources whose deletion takes time: where the resource stands. 'settling' while it
   * cannot be deleted yet (still being created), 'present' while it exists (a Delete is sent
   * once, then the lifecycle waits), 'gone' once the service no longer knows it. With it, a
   * Delete is answered SUCCESS only when the resource is gone.
   */
  presence?(props: Properties, physicalResourceId: string, ctx: ResourceContext): Promise<'settling' | 'present' | 'gone'>;
  /**
   * For resources that become usable some time after creation: the outcome once ready, or
   * undefined while not yet. Throws ResourceFailedError when the resource failed to become ready.
   */
  stabilize?(props: Properties, created: Outcome, ctx: ResourceContext): Promise<Outcome | undefined>;
}
