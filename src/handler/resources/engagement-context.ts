/**
 * Custom::PartnerCentralEngagementContext — a context (customer project or lead) of a Partner
 * Central engagement.
 *
 * The client is built for us-east-1 whatever the function's region: Partner Central Selling is
 * served from there only (documented).
 *
 * Create: CreateEngagementContext with the client token.
 *   Documented: ClientToken "ensures the request is handled exactly once".
 *   Assumed: a repeated call with the same token answers with the same ContextId.
 * Update in place: a changed payload. UpdateEngagementContext needs EngagementLastModifiedAt, an
 *   optimistic-concurrency check (documented), read from GetEngagement's ModifiedAt. When someone
 *   else changes the engagement between the read and the write, the service answers
 *   ConflictException (documented: "fetch the latest state ... and retry"): read again and retry,
 *   a bounded number of times.
 *   Assumed: UpdateEngagementContext replaces the context's content with the payload given; a
 *   lead's single Interaction replaces the one the context was created with.
 * Delete: the API has none. Nothing is called; the context remains in the engagement.
 *
 * Physical id: `<Catalog>/<EngagementId>/<ContextId>`. Context ids are small numbers, unique only
 * within their engagement; the prefix makes a context in another engagement a different resource
 * to CloudFormation.
 */
import {
  type ConflictException,
  CreateEngagementContextCommand,
  type EngagementContextPayload,
  GetEngagementCommand,
  type LeadContext,
  PartnerCentralSellingClient,
  UpdateEngagementContextCommand,
  type UpdateEngagementContextPayload,
  type UpdateLeadContext,
} from '@aws-sdk/client-partnercentral-selling';
import { ENGAGEMENT_CONTEXT, PARTNER_CENTRAL_REGION } from '../../spec';
import { cachedClient, sdkConfig } from '../aws-clients';
import { ResourceFailedError } from '../errors';
import type { Outcome, Properties, ResourceModule } from '../resource-module';

/** Attempts of an update (read, then write) before a persisting conflict fails it. */
export const UPDATE_ATTEMPTS = 3;

const partnerCentral = () =>
  cachedClient('partnercentral-selling', () => new PartnerCentralSellingClient(sdkConfig(PARTNER_CENTRAL_REGION)));

type Json = Record<string, any>;

const engagementContext: ResourceModule = {
  spec: ENGAGEMENT_CONTEXT,

  async create(props, ctx) {
    const created = await partnerCentral().send(
      new CreateEngagementContextCommand({
        Catalog: props.Catalog as string,
        EngagementIdentifier: props.EngagementIdentifier as string,
        ClientToken: ctx.clientToken,
        Type: props.Type as 'CustomerProject' | 'Lead',
        Payload: createPayload(props.Payload as Json),
      }),
    );
    if (!created.ContextId) throw new Error('CreateEngagementContext answered without a ContextId');
    return outcome(props, created.ContextId, created.EngagementId, created.EngagementArn);
  },

  async update(props, oldProps, physicalId, ctx) {
    const contextId = contextIdOf(physicalId);
    const catalog = props.Catalog as string;
    const identifier = props.EngagementIdentifier as string;
    if (JSON.stringify(props.Payload) === JSON.stringify(oldProps.Payload)) {
      // Nothing of the context changed (e.g. only ServiceTimeout): no write, no new modification time.
      return outcome(props, contextId);
    }
    for (let attempt = 1; ; attempt++) {
      const engagement = await partnerCentral().send(new GetEngagementCommand({ Catalog: catalog, Identifier: identifier }));
      if (!engagement.ModifiedAt) throw new Error(`GetEngagement answered without the ModifiedAt of ${identifier}`);
      try {
        const updated = await partnerCentral().send(
          new UpdateEngagementContextCommand({
            Catalog: catalog,
            EngagementIdentifier: identifier,
            ContextIdentifier: contextId,
            EngagementLastModifiedAt: engagement.ModifiedAt,
            Type: props.Type as 'CustomerProject' | 'Lead',
            Payload: updatePayload(props.Payload as Json),
          }),
        );
        return outcome(props, updated.ContextId ?? contextId, updated.EngagementId ?? engagement.Id, updated.EngagementArn ?? engagement.Arn);
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConflictException') throw error;
        const conflict = error as ConflictException;
        if (attempt >= UPDATE_ATTEMPTS) {
          throw new ResourceFailedError(
            `engagement ${identifier} kept changing while context ${contextId} was being updated (ConflictException on ${attempt} attempts): ${conflict.message}`,
          );
        }
        ctx.log.info('engagement changed since it was read; reading it again', { physicalId, attempt, error: conflict.name });
      }
    }
  },

  /**
   * Contexts carry no tags and cannot be deleted (no API for either; documented). What stands in
   * for the ownership tag: the physical id must name the catalog and engagement this resource's
   * properties name, and the handler's grants name only the engagements of the stack's
   * EngagementContext constructs (see docs/permissions.md).
   */
  async owns(props, physicalId) {
    const [catalog, engagementId] = physicalId.split('/');
    const identifier = String(props.EngagementIdentifier ?? '');
    return catalog === props.Catalog && engagementId !== undefined && engagementId !== '' && (identifier === engagementId || identifier.endsWith(`/${engagementId}`));
  },

  async delete(_props, physicalId, ctx) {
    ctx.log.info('Partner Central has no API to delete an engagement context; nothing was deleted', { physicalId });
  },
};

/** The answer for a context: its id and the engagement's id and ARN, read when not known. */
async function outcome(props: Properties, contextId: string, engagementId?: string, engagementArn?: string): Promise<Outcome> {
  if (!engagementId || !engagementArn) {
    const engagement = await partnerCentral().send(
      new GetEngagementCommand({ Catalog: props.Catalog as string, Identifier: props.EngagementIdentifier as string }),
    );
    engagementId ??= engagement.Id;
    engagementArn ??= engagement.Arn;
    if (!engagementId || !engagementArn) throw new Error(`GetEngagement answered without the Id and Arn of ${String(props.EngagementIdentifier)}`);
  }
  return {
    physicalResourceId: `${String(props.Catalog)}/${engagementId}/${contextId}`,
    data: { ContextId: contextId, EngagementId: engagementId, EngagementArn: engagementArn },
  };
}

/** The ContextId from a physical id `<Catalog>/<EngagementId>/<ContextId>`. */
export function contextIdOf(physicalId: string): string {
  const parts = physicalId.split('/');
  if (parts.length !== 3 || !parts[2]) throw new ResourceFailedError(`${physicalId} is not an engagement context's physical id (<Catalog>/<EngagementId>/<ContextId>)`);
  return parts[2];
}

/**
 * The template's Payload (the API's union, every leaf a string, checked against the constraint
 * table) as CreateEngagementContext takes it: a lead interaction's InteractionDate is a timestamp.
 */
export function createPayload(payload: Json): EngagementContextPayload {
  if (payload.Lead) {
    const { Interactions, ...lead } = payload.Lead as Json;
    return { Lead: { ...lead, Interactions: (Interactions as Json[]).map(interaction) } as LeadContext };
  }
  return { CustomerProject: payload.CustomerProject };
}

/**
 * The template's Payload as UpdateEngagementContext takes it. A lead's update carries a single
 * Interaction where the create carried a list (of one: the constraint table insists).
 */
export function updatePayload(payload: Json): UpdateEngagementContextPayload {
  if (payload.Lead) {
    const { Interactions, ...lead } = payload.Lead as Json;
    return { Lead: { ...lead, Interaction: interaction((Interactions as Json[])[0]) } as UpdateLeadContext };
  }
  return { CustomerProject: payload.CustomerProject };
}

function interaction(value: Json): Json {
  const { InteractionDate, ...rest } = value;
  return InteractionDate === undefined ? { ...rest } : { ...rest, InteractionDate: new Date(InteractionDate as string) };
}

export default engagementContext;
