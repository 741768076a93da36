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
   * Whether the resource belongs to this event's stack and logical id: for resource types that
   * take tags, whether it carries the ownership tag (see ownership.ts); others say in their module
   * what stands in for it. Throws the service's not-found error when the resource does not exist.
   */
  owns(props: Properties, physicalResourceId: string, ctx: ResourceContext): Promise<boolean>;
  /**
   * For resources that become usable some time after creation: the outcome once ready, or
   * undefined while not yet. Throws ResourceFailedError when the resource failed to become ready.
   */
  stabilize?(props: Properties, created: Outcome, ctx: ResourceContext): Promise<Outcome | undefined>;
}
