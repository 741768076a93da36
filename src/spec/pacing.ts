/**
 * What a stack tells its handler about the bursts its deploy can send: written by the provider
 * into the function's environment at synth, read by the handler's pacing (src/handler/pacing.ts).
 */

/** An API's rate quota, as the service documents its default. */
export interface RateQuota {
  /** The API operation, as Service Quotas names it ("Rate of <operation> API requests"). */
  readonly operation: string;
  /** Requests per second, per account and Region. */
  readonly perSecond: number;
}

/** The environment variable that carries the stack's {@link StackPacing}, as JSON. */
export const PACING_ENV = 'CONNECT_RESOURCES_PACING';

/** What the stack tells the handler about one resource type. */
export interface TypePacing {
  /** Resources of the type in the stack: the largest burst its deploy sends. */
  readonly uses: number;
  /** The rate (requests per second) its API calls are paced at: the quota's default, or the user's figure. */
  readonly rate: number;
}

/** {@link TypePacing} by resource type. */
export type StackPacing = { readonly [resourceType: string]: TypePacing };
