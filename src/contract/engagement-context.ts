/** Custom::PartnerCentralEngagementContext — the template interface of Partner Central Selling CreateEngagementContext. */
import { PARTNER_CENTRAL_COUNTRY_CODES } from './partner-central-data';
import { defineSpec, hasOwn, ISO_DATE_TIME, oneOf, PropertiesOf, ruleViolation, show, text, ValueRule } from './rules';


/** Partner Central Selling is served from this region only, whatever the caller's region (documented). */
export const PARTNER_CENTRAL_REGION = 'us-east-1';

/**
 * The ARN of an engagement. Engagement ARNs carry the region but no account (the service's ARN
 * template has noAccount: botocore model of partnercentral-selling).
 */
export function formatEngagementArn(partition: string, catalog: string, engagementId: string): string {
  return `arn:${partition}:partnercentral:${PARTNER_CENTRAL_REGION}::catalog/${catalog}/engagement/${engagementId}`;
}

/** The Catalog values of the Partner Central Selling API (documented: "AWS or Sandbox"). */
export const PARTNER_CENTRAL_CATALOGS = ['AWS', 'Sandbox'] as const;

/**
 * The engagement context types this library creates. The API also knows ProspectingResult, which
 * the service generates itself (autonomous prospecting); it is not offered here.
 */
export const ENGAGEMENT_CONTEXT_TYPES = ['CustomerProject', 'Lead'] as const;

/** EngagementArnOrIdentifier (documented pattern `(arn:.*|eng-[0-9a-z]{14})`). */
export const ENGAGEMENT_IDENTIFIER: ValueRule<string> = {
  kind: 'string',
  pattern: /^(arn:.*|eng-[0-9a-z]{14})$/,
  describe: 'an engagement id ("eng-" and 14 lower-case letters or digits) or an engagement ARN',
};

/**
 * A client token as CreateEngagementContext takes it. The API reference says "must not exceed
 * sixty-four alphanumeric characters" and recommends a UUID, while the model's pattern is the
 * looser `.{1,255}`: we hold to the documented 64 and admit the hyphens of a UUID.
 */
export const PARTNER_CENTRAL_CLIENT_TOKEN = text(1, 64, {
  pattern: /^[A-Za-z0-9-]+$/,
  describe: '1–64 letters, digits or hyphens',
});

/**
 * The service owns the list of industries (the model's Industry enum, PARTNER_CENTRAL_INDUSTRIES
 * at the bundled SDK version) and may add to it; `Industry.of(...)` names one this release does
 * not know. So any non-empty name passes here, and Partner Central itself refuses an unknown one.
 */
const INDUSTRY: ValueRule = text(1, 255, { describe: 'an industry as Partner Central names it (Industry.SOFTWARE_INTERNET, Industry.of("...")), 1–255 characters' });
const COUNTRY_CODE: ValueRule = {
  kind: 'string',
  values: PARTNER_CENTRAL_COUNTRY_CODES,
  describe: 'a two-letter country code Partner Central knows (ISO 3166-1 alpha-2 in capitals, e.g. "US")',
};
/**
 * CompanyWebsiteUrl (CustomerProject): the model's pattern
 * `(?=.{4,255}$)((http|https)://)??(www[.])??([a-zA-Z0-9]|-)+?([.][a-zA-Z0-9(-|/|=|?)??]+?)+?`,
 * matched as a whole value, rewritten to run in linear time (its nested lazy groups backtrack
 * exponentially on a crafted value: 51 characters take half a second). It accepts the same
 * strings: the class `[a-zA-Z0-9(-|/|=|?)??]` is the range "(" to "|" (U+0028–U+007C, which
 * takes in ".", the digits and letters), so after the first dot any of those characters may
 * follow; "www." is a label and a dot like any other; `(http|https)` is `https?`.
 * test/redos.test.ts compares both forms on generated values.
 */
export const WEBSITE_URL_PATTERN = /^(?:https?:\/\/)?[a-zA-Z0-9-]+\.[\x28-\x7C]+$/;
const WEBSITE_URL = text(4, 255, {
  pattern: WEBSITE_URL_PATTERN,
  describe: 'a website address of 4–255 characters such as "https://www.example.com"',
});
/** A date of the form YYYY-MM-DD that exists in the calendar (the model's pattern allows 2027-02-31). */
const DATE: ValueRule = {
  ...text(10, 10, {
    pattern: /^[1-9][0-9]{3}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$/,
    describe: 'a date of the form YYYY-MM-DD that exists in the calendar',
  }),
  calendar: true,
};
const BUSINESS_PROBLEM = text(20, 2000);

/** One member of a structure inside the Payload. */
interface PayloadMember {
  /** The construct prop the member comes from (its path segment in messages). */
  readonly prop: string;
  readonly required?: boolean;
  /** For a leaf: its rule. */
  readonly rule?: ValueRule;
  /** For a structure: its members, by API name. */
  readonly members?: { readonly [apiName: string]: PayloadMember };
  /**
   * The member is a list that holds exactly one structure. UpdateEngagementContext takes a single
   * lead Interaction, so a lead context kept in step with the template has exactly one.
   */
  readonly single?: boolean;
}

const CUSTOMER_PROJECT: PayloadMember = {
  prop: '',
  members: {
    // The model's CustomerProjectsContext.Customer is optional.
    Customer: {
      prop: 'customer',
      members: {
        CompanyName: { prop: 'companyName', required: true, rule: text(1, 120) },
        CountryCode: { prop: 'countryCode', required: true, rule: COUNTRY_CODE },
        Industry: { prop: 'industry', required: true, rule: INDUSTRY },
        WebsiteUrl: { prop: 'websiteUrl', required: true, rule: WEBSITE_URL },
      },
    },
    Project: {
      prop: 'project',
      members: {
        Title: { prop: 'title', required: true, rule: text(1, 255) },
        BusinessProblem: { prop: 'businessProblem', required: true, rule: BUSINESS_PROBLEM },
        TargetCompletionDate: { prop: 'targetCompletionDate', required: true, rule: DATE },
      },
    },
  },
};

// Lead strings: the lengths of the model's Lead shapes (botocore 1.44.8). Most may be empty ("" is
// sent as given); a required FirstName/LastName may be too (`Name` is `(?s).{0,80}`).
const LEAD: PayloadMember = {
  prop: '',
  members: {
    QualificationStatus: { prop: 'qualificationStatus', rule: text(1, 255) },
    Customer: {
      prop: 'customer',
      required: true,
      members: {
        CompanyName: { prop: 'companyName', required: true, rule: text(1, 120) },
        Industry: { prop: 'industry', rule: text(0, 255) },
        WebsiteUrl: { prop: 'websiteUrl', rule: text(0, 255) },
        Address: {
          prop: 'address',
          members: {
            City: { prop: 'city', rule: text(0, 255) },
            PostalCode: { prop: 'postalCode', rule: text(0, 20) },
            StateOrRegion: { prop: 'stateOrRegion', rule: text(0, 255) },
            CountryCode: { prop: 'countryCode', rule: text(0, 10) },
          },
        },
        AwsMaturity: { prop: 'awsMaturity', rule: text(0, 255) },
        MarketSegment: { prop: 'marketSegment', rule: text(0, 255) },
      },
    },
    Interactions: {
      prop: 'interaction',
      required: true,
      single: true,
      members: {
        SourceType: { prop: 'sourceType', rule: text(0, 255) },
        SourceId: { prop: 'sourceId', rule: text(0, 255) },
        SourceName: { prop: 'sourceName', rule: text(0, 255) },
        Usecase: { prop: 'usecase', rule: text(0, 255) },
        // The model's `DateTime` is a timestamp, which the template carries as a string; the
        // handler reads it with `new Date`, so only the forms ISO_DATE_TIME admits.
        InteractionDate: { prop: 'interactionDate', rule: ISO_DATE_TIME },
        CustomerAction: { prop: 'customerAction', rule: text(0, 255) },
        BusinessProblem: { prop: 'businessProblem', rule: text(0, 2000) },
        Contact: {
          prop: 'contact',
          required: true,
          members: {
            BusinessTitle: { prop: 'businessTitle', required: true, rule: text(1, 255) },
            Email: { prop: 'email', required: true, rule: text(1, 255, { describe: 'an email address of 1–255 characters' }) },
            FirstName: { prop: 'firstName', required: true, rule: text(0, 80) },
            LastName: { prop: 'lastName', required: true, rule: text(0, 80) },
            Phone: { prop: 'phone', rule: text(0, 255) },
          },
        },
      },
    },
  },
};

/** The Payload union members, by context type. */
const PAYLOAD_MEMBERS: Record<string, PayloadMember> = { CustomerProject: CUSTOMER_PROJECT, Lead: LEAD };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every leaf of an engagement context payload is a string in the API. A hand-written template may
 * hold numbers or booleans (`PostalCode: 98101` in YAML), and CloudFormation delivers those as
 * strings anyway: both become strings here, so synth and handler see the same value.
 */
function stringifyLeaves(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stringifyLeaves);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifyLeaves(v)]));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

function checkStructure(spec: PayloadMember, value: unknown, propPath: string, apiPath: string, problems: string[]): void {
  const name = (prop: string, api: string) => (prop ? `member ${prop} (${api})` : `member ${api}`);
  if (!isRecord(value)) {
    problems.push(`${name(propPath, apiPath)} must be an object (got ${show(value)})`);
    return;
  }
  const members = spec.members ?? {};
  for (const key of Object.keys(value)) {
    if (!hasOwn(members, key) && value[key] !== undefined) problems.push(`member ${apiPath}.${key} is not a member of ${apiPath}`);
  }
  for (const [apiName, member] of Object.entries(members)) {
    const prop = propPath ? `${propPath}.${member.prop}` : member.prop;
    const api = `${apiPath}.${apiName}`;
    const given = hasOwn(value, apiName) ? value[apiName] : undefined;
    if (given === undefined || given === null) {
      if (member.required) problems.push(`${name(prop, api)} is required`);
      continue;
    }
    if (member.single) {
      if (!Array.isArray(given) || given.length !== 1) {
        problems.push(`${name(prop, api)} must be a list of exactly one interaction (got ${show(given)})`);
        continue;
      }
      checkStructure(member, given[0], prop, `${api}[0]`, problems);
    } else if (member.members) {
      checkStructure(member, given, prop, api, problems);
    } else if (member.rule) {
      const problem = ruleViolation(member.rule, given);
      if (problem) problems.push(`${name(prop, api)} ${problem}`);
    }
  }
}

/** The one context type a payload holds, or undefined when it holds none or several. */
export function engagementContextPayloadType(payload: unknown): string | undefined {
  if (!isRecord(payload)) return undefined;
  const present = Object.keys(payload).filter((key) => payload[key] !== undefined);
  return present.length === 1 && hasOwn(PAYLOAD_MEMBERS, present[0]) ? present[0] : undefined;
}

/** One structure of a payload once checked: API member name → string leaf, structure or list. */
export interface PayloadStructure {
  readonly [apiName: string]: string | PayloadStructure | readonly PayloadStructure[] | undefined;
}

/**
 * The Payload as checked against {@link PAYLOAD_MEMBERS}: exactly one of the two members, every
 * leaf a string. A lead holds its interactions as a list of exactly one.
 */
export interface EngagementContextPayloadData {
  readonly CustomerProject?: PayloadStructure;
  readonly Lead?: PayloadStructure & { readonly Interactions: readonly PayloadStructure[] };
}

/** EngagementContextPayload: a union of CustomerProject and Lead, checked member by member. */
export const ENGAGEMENT_CONTEXT_PAYLOAD: ValueRule<EngagementContextPayloadData> = {
  kind: 'json',
  describe: 'an engagement context payload',
  normalize: stringifyLeaves,
  check: (value) => {
    const type = engagementContextPayloadType(value);
    if (!type) return [`must hold exactly one of ${Object.keys(PAYLOAD_MEMBERS).join(', ')} (got ${show(value)})`];
    const problems: string[] = [];
    checkStructure(PAYLOAD_MEMBERS[type], (value as Record<string, unknown>)[type], '', type, problems);
    return problems;
  },
};

/** Custom::PartnerCentralEngagementContext — Partner Central Selling CreateEngagementContext. */
export const ENGAGEMENT_CONTEXT = defineSpec({
  resourceType: 'Custom::PartnerCentralEngagementContext',
  construct: 'EngagementContext',
  // Assumed: the Partner Central Selling API's quota page does not list the engagement-context
  // operations; it gives write operations 1 per second per partner account ("Quotas for the AWS
  // Partner Central Selling API"). No burst is documented: one request at a time is assumed.
  rateQuota: { operation: 'CreateEngagementContext', perSecond: 1, burst: 1 },
  properties: {
    Catalog: { prop: 'catalog', rule: oneOf(PARTNER_CENTRAL_CATALOGS), required: true, replaces: true },
    EngagementIdentifier: { prop: 'engagementIdentifier', rule: ENGAGEMENT_IDENTIFIER, required: true, replaces: true },
    // Follows from the payload (EngagementContextPayload.customerProject / .lead).
    Type: { prop: 'payload', rule: oneOf(ENGAGEMENT_CONTEXT_TYPES), required: true, replaces: true },
    Payload: { prop: 'payload', rule: ENGAGEMENT_CONTEXT_PAYLOAD, required: true, customerData: true },
    ClientToken: { prop: 'clientToken', rule: PARTNER_CENTRAL_CLIENT_TOKEN, replaces: true },
  },
  crossCheck: (p) => {
    const held = engagementContextPayloadType(p.Payload);
    return held === p.Type ? [] : [`Type must name the payload's member: the payload holds ${held} but Type is ${show(p.Type)}`];
  },
});

/** The properties of a Custom::PartnerCentralEngagementContext, as the handler reads them. */
export type EngagementContextProperties = PropertiesOf<typeof ENGAGEMENT_CONTEXT>;
