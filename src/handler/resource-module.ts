/**
 * What a resource type module provides. The lifecycle (lifecycle.ts) does everything that is the
 * same for all of them: parsing and validation, client tokens, replacement decisions, deadlines,
 * failure ids, "already gone" on Delete and the one answer to CloudFormation; the waiter
 * (waiter.ts) does the waiting.
 */
import type { PropertiesOf, ResourceSpec } from '../contract';
import type { CfnEvent } from './cfn-response';
import type { Logger } from './log';

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

/** What a module is asked to act on: the coerced, validated properties of its spec, and the event. */
export interface ResourceRequest<S extends ResourceSpec = ResourceSpec> {
  readonly properties: PropertiesOf<S>;
  readonly context: ResourceContext;
}

/** A request about an existing resource (Update, Delete): its physical id. */
export interface ExistingResourceRequest<S extends ResourceSpec = ResourceSpec> extends ResourceRequest<S> {
  readonly physicalResourceId: string;
}

/** An Update in place: the properties before the change too. */
export interface UpdateRequest<S extends ResourceSpec = ResourceSpec> extends ExistingResourceRequest<S> {
  readonly oldProperties: PropertiesOf<S>;
}

/** One resource type: only what differs between resource types lives in a module. */
export interface ResourceModule<S extends ResourceSpec = ResourceSpec> {
  readonly spec: S;
  /** Creates the resource idempotently (same token, same resource). */
  create(request: ResourceRequest<S>): Promise<Outcome>;
  /** Applies changes of properties that do not force a replacement. */
  update(request: UpdateRequest<S>): Promise<Outcome>;
  /**
   * True when the service has no way to delete the resource (`delete` then only says so): the
   * rollback of a Create whose outcome was unknown then does not repeat the create to find it.
   */
  readonly undeletable?: boolean;
  /** Deletes the resource. "Not found" errors are treated as success by the lifecycle. */
  delete(request: ExistingResourceRequest<S>): Promise<void>;
  /**
   * Whether the resource belongs to this event's stack and logical id: for resource types that
   * take tags, whether it carries the ownership tag (see ownership.ts); others say in their module
   * what stands in for it. The lifecycle asks before it adopts a resource a continuation names,
   * updates one or deletes one. Throws the service's not-found error when the resource does not
   * exist.
   */
  owns(request: ExistingResourceRequest<S>): Promise<boolean>;
  /**
   * For resources whose deletion takes time: where the resource stands. 'settling' while it
   * cannot be deleted yet (still being created), 'present' while it exists (a Delete is sent
   * once, then the lifecycle waits), 'gone' once the service no longer knows it. With it, a
   * Delete is answered SUCCESS only when the resource is gone.
   */
  presence?(request: ExistingResourceRequest<S>): Promise<'settling' | 'present' | 'gone'>;
  /**
   * For resources that become usable some time after creation: the outcome once ready, or
   * undefined while not yet. Throws ResourceFailedError when the resource failed to become ready.
   */
  stabilize?(request: ResourceRequest<S>, created: Outcome): Promise<Outcome | undefined>;
}
