/**
 * Lanes: a deploy paced by CloudFormation itself, so that no execution of the handler waits.
 *
 * CloudFormation invokes a custom resource's function asynchronously, and sends a resource's
 * request once everything it depends on (DependsOn, Ref, Fn::GetAtt) is complete; independent
 * resources are sent together ("Using Lambda with CloudFormation", Lambda developer guide;
 * "DependsOn attribute", CloudFormation user guide). A stack with 200 cases would send 200
 * requests at once against CreateCase's 2 per second: the calls are throttled, or the events
 * sleep out turns inside Lambda, holding executions the account shares with the contact center's
 * own flow functions, while the queue behind them ages.
 *
 * Instead, the resources of a type are put in lanes: resource k of the type depends on resource
 * k − lanes, so CloudFormation never has more than `lanes` of their requests in flight, and sends
 * the next of a lane when the one before is complete. With `lanes = ceil(rate × turnaround)` (at
 * least the burst) about `rate` requests a second reach the API; what throttling remains is
 * absorbed by the handler's short backoff (src/handler/retry.ts). A stack with no more resources of a type than the quota's
 * burst gets no lanes: the burst takes them all at once. Stack deletion runs the lanes backwards.
 *
 * The order within a type is a topological order of the whole template's dependencies (the
 * user's DependsOn, references, and construct dependencies, which aws-cdk-lib has turned into
 * DependsOn by then), so a lane never points against an existing path: lanes never close a cycle,
 * and resources that reference each other keep their own order. Everything is read from the
 * resources as aws-cdk-lib renders them, escape hatches (`addOverride`) included.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';

/** A rate quota: requests per second and the token bucket's size. */
export interface Quota {
  readonly rate: number;
  readonly burst: number;
}

/** The resources of one type and how many lanes they go in. */
export interface LaneGroup {
  readonly resources: readonly CfnResource[];
  readonly lanes: number;
}

/**
 * How many lanes `count` resources need for their requests to reach the API at about `rate` a
 * second, when CloudFormation takes `turnaroundSeconds` per resource of a lane: none up to the
 * burst (every request at once), else `ceil(rate × turnaround)`, and never fewer than the burst.
 * A burst's worth of requests is served at once: lanes up to it cost no throttling where
 * CloudFormation turns a lane around faster than assumed (the surplus is what the bucket holds),
 * and keep the API busy where it is slower (up to burst ÷ rate: 5 s for CreateCase).
 */
export function laneCount(count: number, quota: Quota, turnaroundSeconds: number): number {
  if (count <= quota.burst) return count;
  return Math.max(quota.burst, Math.ceil(quota.rate * turnaroundSeconds));
}

/**
 * The quota a stack's lanes are sized by: the rate it is told (or the documented one), and the
 * share of the documented burst that rate claims (a stack told half the rate, to leave room for
 * other callers, claims half the burst; a raised rate keeps the documented burst), at least one.
 */
export function stackQuota(documented: { readonly perSecond: number; readonly burst: number }, rate: number = documented.perSecond): Quota {
  return { rate, burst: Math.max(1, Math.floor(documented.burst * Math.min(1, rate / documented.perSecond))) };
}

/**
 * The lanes of one type split across the stacks of a tree (a stack and its nested stacks, which
 * CloudFormation deploys side by side against the one quota of the account and Region): `lanes`
 * shared in proportion to each stack's `counts`, largest remainders first, at least one for a
 * stack that has any, never more than its count. The shares add up to `lanes` unless more stacks
 * hold resources than there are lanes (each then gets one).
 */
export function shareLanes(lanes: number, counts: readonly number[]): number[] {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((n) => (lanes * n) / total);
  const shares = exact.map((x, i) => (counts[i] > 0 ? Math.max(1, Math.floor(x)) : 0));
  let left = lanes - shares.reduce((sum, n) => sum + n, 0);
  const byRemainder = counts.map((_, i) => i).filter((i) => counts[i] > 0).sort((a, b) => exact[b] - Math.floor(exact[b]) - (exact[a] - Math.floor(exact[a])) || a - b);
  for (const i of byRemainder) {
    if (left <= 0) break;
    shares[i]++;
    left--;
  }
  return shares.map((share, i) => Math.min(share, counts[i]));
}

/** A DependsOn a lane adds: `resource` waits for `target`. */
export interface LaneEdge {
  readonly resource: CfnResource;
  readonly target: CfnResource;
}

/** The lanes of a stack: the DependsOn that make them, and the pinned resources left beside them. */
export interface Lanes {
  readonly edges: LaneEdge[];
  /** Pinned resources that found no lane head free: sent beside the lanes, not paced by them. */
  readonly beside: CfnResource[];
}

/**
 * The DependsOn that put each group in its lanes, given the stack's dependencies as they stand
 * (call it once they are final: after aws-cdk-lib has prepared the app, references resolved and
 * construct dependencies turned into resource dependencies). Only what the stack does not already
 * say is returned. Resources under different CloudFormation conditions are laned apart: a
 * DependsOn on a resource its condition leaves out of the stack is an error. A template whose own
 * dependencies form a cycle gets no lanes: CloudFormation refuses it anyway, and names the cycle.
 *
 * `pinned` resources take no DependsOn (theirs was replaced with `addOverride`, which would drop
 * a lane's): they go first, at the heads of the lanes, as far as their own dependencies let them,
 * so that they count against the lanes instead of running beside them.
 */
export function laneEdges(stack: Stack, groups: readonly LaneGroup[], pinned: ReadonlySet<CfnResource> = new Set()): Lanes {
  const graph = dependencyGraph(stack, pinned);
  if (!graph) return { edges: [], beside: [] };
  const edges: LaneEdge[] = [];
  const beside: CfnResource[] = [];
  for (const group of groups) {
    const byCondition = new Map<string, CfnResource[]>();
    for (const resource of [...group.resources].sort((a, b) => graph.order.get(a)! - graph.order.get(b)!)) {
      const condition = JSON.stringify(graph.rendered.get(resource)?.Condition ?? null);
      byCondition.set(condition, [...(byCondition.get(condition) ?? []), resource]);
    }
    for (const ordered of byCondition.values()) {
      for (let k = group.lanes; k < ordered.length; k++) {
        const edge = { resource: ordered[k], target: ordered[k - group.lanes] };
        if (pinned.has(edge.resource)) beside.push(edge.resource);
        else if (!graph.needs.get(edge.resource)!.has(edge.target)) edges.push(edge);
      }
    }
  }
  return { edges, beside };
}

/** Whether the resource as rendered DependsOn `target` (false when a DependsOn override dropped it). */
export function rendersDependsOn(resource: CfnResource, target: CfnResource): boolean {
  const stack = Stack.of(resource);
  const dependsOn = rendered(stack, resource)?.DependsOn;
  return [dependsOn ?? []].flat().includes(stack.resolve(target.logicalId));
}

/**
 * Why lanes cannot be worked out with this aws-cdk-lib, or undefined when they can: lanes read
 * each resource as aws-cdk-lib renders it, through `_toCloudFormation`.
 */
export function lanesUnavailable(): string | undefined {
  return typeof (CfnResource.prototype as unknown as Renderable)._toCloudFormation === 'function'
    ? undefined
    : "this aws-cdk-lib has no CfnResource._toCloudFormation, which lanes read each resource's dependencies and condition from: the resources of a type are all sent at once, and the handler's backoff absorbs the throttling";
}

/**
 * Adds a lane's DependsOn: through `addResourceDependency` where aws-cdk-lib has it (newer
 * releases deprecate `addDependency` for it: a warning at every synth, an error with
 * JSII_DEPRECATED=fail), `addDependency` on the older releases of the peer range, which lack it.
 */
export function addLaneEdge({ resource, target }: LaneEdge): void {
  const renamed = resource as CfnResource & { addResourceDependency?: (target: CfnResource, reason?: string) => void };
  if (typeof renamed.addResourceDependency === 'function') renamed.addResourceDependency(target, 'a lane of cdk-connect-resources: paced to the API rate quota');
  else resource.addDependency(target);
}

/**
 * Takes a lane's DependsOn away again (before the lanes are worked out anew): through
 * `removeResourceDependency` where aws-cdk-lib has it (newer releases deprecate `removeDependency`
 * for it), `removeDependency` on the older releases, which lack it.
 */
export function removeLaneEdge({ resource, target }: LaneEdge): void {
  const renamed = resource as CfnResource & { removeResourceDependency?: (target: CfnResource) => void };
  if (typeof renamed.removeResourceDependency === 'function') renamed.removeResourceDependency(target);
  else resource.removeDependency(target);
}

/**
 * The stack's resources in an order that puts every resource after all it depends on, ties kept
 * in the construct tree's order (so the template is stable) except that pinned resources go
 * first, what each directly depends on, and each as rendered; undefined when there is a cycle.
 */
function dependencyGraph(stack: Stack, pinned: ReadonlySet<CfnResource>) {
  const resources = stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
  const byLogicalId = new Map(resources.map((r) => [stack.resolve(r.logicalId) as string, r]));
  const renderings = new Map(resources.map((r) => [r, rendered(stack, r)]));
  const dependents = new Map<CfnResource, CfnResource[]>(resources.map((r) => [r, []]));
  const waitingFor = new Map<CfnResource, number>();
  const needsOf = new Map<CfnResource, Set<CfnResource>>();
  for (const resource of resources) {
    // The rendered resource names all it depends on in the stack: references, and DependsOn (the
    // resource's own and those aws-cdk-lib made of construct dependencies while preparing the app).
    const needs = new Set<CfnResource>();
    for (const id of referencedIds(renderings.get(resource))) {
      const target = byLogicalId.get(id);
      if (target && target !== resource) needs.add(target);
    }
    for (const need of needs) dependents.get(need)!.push(resource);
    waitingFor.set(resource, needs.size);
    needsOf.set(resource, needs);
  }
  const rank = (r: CfnResource) => (pinned.has(r) ? -1 : 0);
  const position = new Map(resources.map((r, i) => [r, i]));
  const ready = resources.filter((r) => waitingFor.get(r) === 0);
  const order = new Map<CfnResource, number>();
  while (ready.length > 0) {
    ready.sort((a, b) => rank(b) - rank(a) || position.get(b)! - position.get(a)!);
    const next = ready.pop()!;
    order.set(next, order.size);
    for (const dependent of dependents.get(next)!) {
      const left = waitingFor.get(dependent)! - 1;
      waitingFor.set(dependent, left);
      if (left === 0) ready.push(dependent);
    }
  }
  return order.size === resources.length ? { order, needs: needsOf, rendered: renderings } : undefined;
}

interface Renderable {
  _toCloudFormation(): { Resources?: Record<string, any> };
}

/**
 * The resource as it goes into the template, resolved (references as Ref and Fn::GetAtt,
 * overrides applied). `_toCloudFormation` is aws-cdk-lib's own rendering (marked internal,
 * present on every CfnResource of the peer range, 2.258 to the newest; {@link lanesUnavailable}
 * says when it is not); the public surface has no other way to see all a resource references
 * (properties, overrides, conditions, metadata), and its dependency accessors differ across the
 * range (`obtainResourceDependencies` is gone from newer releases).
 */
function rendered(stack: Stack, resource: CfnResource): any {
  const template = stack.resolve((resource as unknown as Renderable)._toCloudFormation());
  return template?.Resources?.[stack.resolve(resource.logicalId)];
}

/** The logical ids a resolved template fragment names: Ref, Fn::GetAtt, Fn::Sub, DependsOn. */
function* referencedIds(node: unknown): Generator<string> {
  if (Array.isArray(node)) {
    for (const item of node) yield* referencedIds(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'Ref' && typeof value === 'string') yield value;
    else if (key === 'Fn::GetAtt') yield* getAttTarget(value);
    else if (key === 'Fn::Sub') yield* subTargets(value);
    else if (key === 'DependsOn') yield* [value].flat().filter((v): v is string => typeof v === 'string');
    else yield* referencedIds(value);
  }
}

function* getAttTarget(value: unknown): Generator<string> {
  if (Array.isArray(value) && typeof value[0] === 'string') yield value[0];
  else if (typeof value === 'string') yield value.split('.')[0];
  else yield* referencedIds(value);
}

/** `${Name}` and `${Name.Attribute}` in a Fn::Sub string (not `${!Literal}`), and its variables' values. */
function* subTargets(value: unknown): Generator<string> {
  const [text, variables] = Array.isArray(value) ? value : [value, undefined];
  if (typeof text === 'string') {
    // Scanned, not matched: the text is read once, left to right, whatever it holds.
    for (let at = text.indexOf('${'); at >= 0; ) {
      const end = text.indexOf('}', at + 2);
      if (end < 0) break;
      const name = text.slice(at + 2, end);
      if (name && !name.startsWith('!')) yield name.split('.')[0];
      at = text.indexOf('${', end + 1);
    }
  }
  yield* referencedIds(variables);
}
