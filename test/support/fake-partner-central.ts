/**
 * The Partner Central Selling operations the handler uses, faked on a {@link FakeAws} (awsJson1_0,
 * routed by X-Amz-Target): engagements and their contexts in memory, client tokens honoured
 * (same token and request, same context), and the engagement's ModifiedAt as the
 * optimistic-concurrency check of UpdateEngagementContext.
 */
import { AwsError, FakeAws, FakeRequest } from './fake-aws';

const TARGET = 'AWSPartnerCentralSelling';
export const PARTNER_CENTRAL_REGION = 'us-east-1';

export interface FakeContext {
  readonly Id: string;
  readonly Type: string;
  Payload: any;
  /** The CreateEngagementContext request that made it. */
  readonly request: any;
  /** Every UpdateEngagementContext request applied to it, in order. */
  readonly updates: any[];
}

export interface FakeEngagement {
  readonly Id: string;
  readonly Arn: string;
  readonly Catalog: string;
  ModifiedAt: Date;
  readonly Contexts: FakeContext[];
}

export class FakePartnerCentral {
  /** Engagements by `<Catalog>/<Id>`. */
  public readonly engagements = new Map<string, FakeEngagement>();
  /**
   * How many of the next UpdateEngagementContext calls find that someone else changed the
   * engagement after the handler read it (each one moves ModifiedAt on before the check).
   */
  public concurrentWritesBeforeUpdate = 0;

  private readonly tokens = new Map<string, { body: string; engagement: FakeEngagement; context: FakeContext }>();
  private sequence = 0;

  constructor(aws: FakeAws) {
    aws.target(`${TARGET}.CreateEngagementContext`, (req) => this.createContext(req));
    aws.target(`${TARGET}.GetEngagement`, (req) => this.getEngagement(req));
    aws.target(`${TARGET}.UpdateEngagementContext`, (req) => this.updateContext(req));
  }

  /** Adds an engagement (as CreateEngagement would) and returns it. */
  public addEngagement(catalog = 'Sandbox'): FakeEngagement {
    const Id = `eng-${(++this.sequence).toString(36).padStart(14, '0')}`;
    const engagement: FakeEngagement = {
      Id,
      Arn: `arn:aws:partnercentral:${PARTNER_CENTRAL_REGION}::catalog/${catalog}/engagement/${Id}`,
      Catalog: catalog,
      ModifiedAt: wholeSeconds(Date.now()),
      Contexts: [],
    };
    this.engagements.set(`${catalog}/${Id}`, engagement);
    return engagement;
  }

  private createContext(req: FakeRequest) {
    const body = req.body;
    if (!body.ClientToken) throw new AwsError('ValidationException', 'ClientToken is required');
    const engagement = this.engagement(body.Catalog, body.EngagementIdentifier);
    const held = Object.keys(body.Payload ?? {});
    if (held.length !== 1 || held[0] !== body.Type) {
      throw new AwsError('ValidationException', `Type ${body.Type} does not match the payload (${held.join(', ')})`);
    }
    const known = this.tokens.get(body.ClientToken);
    if (known) {
      // Assumed, as CreateOpportunity documents it: a token reused with another request is refused.
      if (known.body !== JSON.stringify(body)) throw new AwsError('ConflictException', 'Conflicting client token submitted for a new request body', 409);
      return this.contextAnswer(known.engagement, known.context);
    }
    const context: FakeContext = { Id: String(engagement.Contexts.length + 1), Type: body.Type, Payload: body.Payload, request: body, updates: [] };
    engagement.Contexts.push(context);
    touch(engagement);
    this.tokens.set(body.ClientToken, { body: JSON.stringify(body), engagement, context });
    return this.contextAnswer(engagement, context);
  }

  private getEngagement(req: FakeRequest) {
    const engagement = this.engagement(req.body.Catalog, req.body.Identifier);
    return {
      Id: engagement.Id,
      Arn: engagement.Arn,
      Title: 'Example engagement',
      ModifiedAt: engagement.ModifiedAt.toISOString(),
      Contexts: engagement.Contexts.map((c) => ({ Id: c.Id, Type: c.Type, Payload: c.Payload })),
    };
  }

  private updateContext(req: FakeRequest) {
    const body = req.body;
    const engagement = this.engagement(body.Catalog, body.EngagementIdentifier);
    const context = engagement.Contexts.find((c) => c.Id === body.ContextIdentifier);
    if (!context) throw new AwsError('ResourceNotFoundException', `context ${body.ContextIdentifier} not found in ${engagement.Id}`, 404);
    if (this.concurrentWritesBeforeUpdate > 0) {
      this.concurrentWritesBeforeUpdate--;
      touch(engagement);
    }
    if (Date.parse(body.EngagementLastModifiedAt) !== engagement.ModifiedAt.getTime()) {
      throw new AwsError('ConflictException', `engagement ${engagement.Id} was modified at ${engagement.ModifiedAt.toISOString()}, not ${body.EngagementLastModifiedAt}`, 409);
    }
    if (body.Type !== context.Type) throw new AwsError('ValidationException', `context ${context.Id} is a ${context.Type}, not a ${body.Type}`);
    if (body.Payload.Lead) {
      // The lead keeps its interaction history (1–10 entries: LeadInteractionList, documented); an
      // update's single Interaction is added to it (assumed: the reference does not say), and one
      // more than 10 is refused (assumed: ValidationException, as for any list beyond its maximum).
      const { Interaction, ...lead } = body.Payload.Lead;
      const history = [...context.Payload.Lead.Interactions, ...(Interaction ? [Interaction] : [])];
      if (history.length > 10) throw new AwsError('ValidationException', 'a lead keeps at most 10 interactions');
      context.Payload = { Lead: { ...lead, Interactions: history } };
    } else {
      context.Payload = body.Payload;
    }
    context.updates.push(body);
    touch(engagement);
    return this.contextAnswer(engagement, context);
  }

  private contextAnswer(engagement: FakeEngagement, context: FakeContext) {
    return {
      EngagementId: engagement.Id,
      EngagementArn: engagement.Arn,
      EngagementLastModifiedAt: engagement.ModifiedAt.toISOString(),
      ContextId: context.Id,
    };
  }

  private engagement(catalog: string, identifier: string): FakeEngagement {
    if (catalog !== 'AWS' && catalog !== 'Sandbox') throw new AwsError('ValidationException', `unknown catalog ${catalog}`);
    const engagement = [...this.engagements.values()].find((e) => e.Catalog === catalog && (e.Id === identifier || e.Arn === identifier));
    if (!engagement) throw new AwsError('ResourceNotFoundException', `engagement ${identifier} not found in catalog ${catalog}`, 404);
    return engagement;
  }
}

/** A later modification time, never the same twice; whole seconds keep it exact through ISO 8601 and back. */
function touch(engagement: FakeEngagement): void {
  engagement.ModifiedAt = wholeSeconds(Math.max(Date.now(), engagement.ModifiedAt.getTime() + 1000));
}

function wholeSeconds(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}
