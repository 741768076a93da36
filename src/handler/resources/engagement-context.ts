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
 *   Assumed: UpdateEngagementContext replaces the context's content with the payload given,
 *   except a lead's interactions: a lead keeps a history of 1–10 interactions (LeadInteractionList,
 *   documented) while an update carries one Interaction (UpdateLeadContext, documented), which
 *   reads as "append one" — the API reference says no more. So an update sends the template's
 *   interaction only when the history (GetEngagement's Contexts[].Payload, documented) does not
 *   hold it yet: a status-only change adds nothing, each interaction is added once, and a change
 *   that would make the 11th entry fails before anything is written.
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
import { ENGAGEMENT_CONTEXT, type EngagementContextPayloadData, type EngagementContextProperties, PARTNER_CENTRAL_REGION, type PayloadStructure } from '../../contract';
import { cachedClient, sdkConfig } from '../aws-clients';
import { ResourceFailedError } from '../errors';
import type { Outcome, ResourceModule } from '../resource-module';

/** Attempts of an update (read, then write) before a persisting conflict fails it. */
export const UPDATE_ATTEMPTS = 3;

const partnerCentral = () =>
  cachedClient('partnercentral-selling', () => new PartnerCentralSellingClient(sdkConfig(PARTNER_CENTRAL_REGION)));

const engagementContext: ResourceModule<typeof ENGAGEMENT_CONTEXT> = {
  spec: ENGAGEMENT_CONTEXT,

  async create({ properties: props, context: ctx }) {
    const created = await partnerCentral().send(
      new CreateEngagementContextCommand({
        Catalog: props.Catalog,
        EngagementIdentifier: props.EngagementIdentifier,
        ClientToken: ctx.clientToken,
        Type: props.Type,
        Payload: createPayload(props.Payload),
      }),
    );
    if (!created.ContextId) throw new Error('CreateEngagementContext answered without a ContextId');
    return outcome(props, created.ContextId, created.EngagementId, created.EngagementArn);
  },

  async update({ properties: props, oldProperties: oldProps, physicalResourceId: physicalId, context: ctx }) {
    const contextId = contextIdOf(physicalId);
    const catalog = props.Catalog;
    const identifier = props.EngagementIdentifier;
    if (JSON.stringify(props.Payload) === JSON.stringify(oldProps.Payload)) {
      // Nothing of the context changed (e.g. only ServiceTimeout): no write, no new modification time.
      return outcome(props, contextId);
    }
    for (let attempt = 1; ; attempt++) {
      const engagement = await partnerCentral().send(new GetEngagementCommand({ Catalog: catalog, Identifier: identifier }));
      if (!engagement.ModifiedAt) throw new Error(`GetEngagement answered without the ModifiedAt of ${identifier}`);
      const history = engagement.Contexts?.find((c) => c.Id === contextId)?.Payload?.Lead?.Interactions;
      try {
        const updated = await partnerCentral().send(
          new UpdateEngagementContextCommand({
            Catalog: catalog,
            EngagementIdentifier: identifier,
            ContextIdentifier: contextId,
            EngagementLastModifiedAt: engagement.ModifiedAt,
            Type: props.Type,
            Payload: updatePayload(props.Payload, oldProps.Payload, history, contextId),
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
  async owns({ properties: props, physicalResourceId: physicalId }) {
    const [catalog, engagementId] = physicalId.split('/');
    const identifier = String(props.EngagementIdentifier ?? '');
    return catalog === props.Catalog && engagementId !== undefined && engagementId !== '' && (identifier === engagementId || identifier.endsWith(`/${engagementId}`));
  },

  undeletable: true,

  async delete({ physicalResourceId, context }) {
    context.log.info('Partner Central has no API to delete an engagement context; nothing was deleted', { physicalId: physicalResourceId });
  },
};

/** The answer for a context: its id and the engagement's id and ARN, read when not known. */
async function outcome(props: EngagementContextProperties, contextId: string, engagementId?: string, engagementArn?: string): Promise<Outcome> {
  if (!engagementId || !engagementArn) {
    const engagement = await partnerCentral().send(new GetEngagementCommand({ Catalog: props.Catalog, Identifier: props.EngagementIdentifier }));
    engagementId ??= engagement.Id;
    engagementArn ??= engagement.Arn;
    if (!engagementId || !engagementArn) throw new Error(`GetEngagement answered without the Id and Arn of ${props.EngagementIdentifier}`);
  }
  return {
    physicalResourceId: `${props.Catalog}/${engagementId}/${contextId}`,
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
 * The template's Payload (the API's union, every leaf a string, checked against the spec) as
 * CreateEngagementContext takes it: a lead interaction's InteractionDate is a timestamp.
 *
 * The spec types the payload structurally (it holds no SDK types); the structure it has checked
 * member by member against the API's (PAYLOAD_MEMBERS, with the SDK's enum values) is what the
 * SDK types describe, hence the one conversion here.
 */
export function createPayload(payload: EngagementContextPayloadData): EngagementContextPayload {
  if (payload.Lead) {
    const { Interactions, ...lead } = payload.Lead;
    return { Lead: { ...lead, Interactions: Interactions.map(interaction) } as unknown as LeadContext };
  }
  return { CustomerProject: payload.CustomerProject as EngagementContextPayload.CustomerProjectMember['CustomerProject'] };
}

/** The most interactions a lead keeps (LeadInteractionList max 10: botocore partnercentral-selling). */
export const MAX_LEAD_INTERACTIONS = 10;

/**
 * The template's Payload as UpdateEngagementContext takes it. A lead's update carries a single
 * Interaction where the create carried a list (of one: the spec insists), and the
 * service adds it to the lead's history: it is sent only when the history does not hold it yet.
 * `history` is the lead's interactions as GetEngagement answers them; when the service does not
 * say, the previous template's interaction stands for it.
 */
export function updatePayload(
  payload: EngagementContextPayloadData,
  oldPayload?: EngagementContextPayloadData,
  history?: readonly object[],
  contextId = '',
): UpdateEngagementContextPayload {
  if (payload.Lead) {
    const { Interactions, ...lead } = payload.Lead;
    const wanted = interaction(Interactions[0]);
    const known = history ?? (oldPayload?.Lead?.Interactions ?? []).map(interaction);
    if (known.some((entry) => sameInteraction(entry, wanted))) return { Lead: lead as unknown as UpdateLeadContext };
    if (history && history.length >= MAX_LEAD_INTERACTIONS) {
      throw new ResourceFailedError(
        `Payload (payload): lead context ${contextId} already holds ${history.length} interactions, the most Partner Central keeps ` +
          `(${MAX_LEAD_INTERACTIONS}); the changed interaction would be one more. Nothing was written. Keep the interaction as it was, ` +
          'or record further interactions in a new context',
      );
    }
    return { Lead: { ...lead, Interaction: wanted } as unknown as UpdateLeadContext };
  }
  return { CustomerProject: payload.CustomerProject as UpdateEngagementContextPayload.CustomerProjectMember['CustomerProject'] };
}

/** Two interactions are the same when their members are, dates compared as instants. */
function sameInteraction(a: object, b: object): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.getTime());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function interaction(value: PayloadStructure): Record<string, unknown> {
  const { InteractionDate, ...rest } = value;
  return typeof InteractionDate === 'string' ? { ...rest, InteractionDate: new Date(InteractionDate) } : { ...rest };
}

export default engagementContext;
