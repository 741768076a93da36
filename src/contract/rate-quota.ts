/**
 * An API's rate quota: how many requests per second an account may send it, and how many at once.
 * The provider paces a stack's deploy by it (src/private/lanes.ts).
 */

/** An API's rate quota, as the service documents its default. */
export interface RateQuota {
  /** The API operation, as Service Quotas names it ("Rate of <operation> API requests"). */
  readonly operation: string;
  /** Requests per second, per account and Region: the rate the bucket refills at. */
  readonly perSecond: number;
  /** The bucket's size: how many requests may come at once after a quiet spell. */
  readonly burst: number;
}
