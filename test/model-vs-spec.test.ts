/**
 * Validation equals the API model: compares the spec's verdicts (checkProperties) with the AWS
 * API models (botocore service-2.json, vendored in test/models/, see SOURCE.md there), one
 * property and one edge value at a time.
 *
 * For every template property of every ResourceSpec, MAPS maps the property (or a leaf inside a
 * JSON property) to the API member(s) the handler sends it to; edge values come from the model
 * shape (min, max, max+1, each enum member, astral characters: test/support/api-model.ts), from
 * the project's own rule and from hand samples (pattern edges). Both verdicts are recorded:
 *
 * - project: `accept`, `reject` (a problem naming the property), or `absent` (accepted but not
 *   sent: checkProperties treats "" like a missing property);
 * - model: every mapped member accepts the value (patterns matched as a whole value). For `absent`
 *   the model is asked whether the member may be omitted.
 *
 * Every disagreement must be listed in DELIBERATE with its reason; a new one fails the test.
 */
import { ApiModel, Samples, edgeValues, loadModel } from './support/api-model';
import * as specModule from '../src/contract';
import { ResourceSpec } from '../src/contract';

const specs = specModule;
const spec = (name: string) => (specModule as unknown as Record<string, ResourceSpec>)[name];

// ---------------------------------------------------------------------------------------------
// Valid property sets, one per resource type (checked against both sides below)
// ---------------------------------------------------------------------------------------------

const CUSTOMER_ARN = 'arn:aws:profile:us-east-1:123456789012:domains/d1/profiles/p1';
const BASE_FIELDS = [
  { Id: 'title', Value: { StringValue: 'A title' } },
  { Id: 'customer_id', Value: { StringValue: CUSTOMER_ARN } },
];
const LEAD_CONTACT = { BusinessTitle: 'CTO', Email: 'someone@example.com', FirstName: 'Ann', LastName: 'Lee' };
const LEAD_PAYLOAD = { Lead: { Customer: { CompanyName: 'Example' }, Interactions: [{ Contact: LEAD_CONTACT }] } };
const PROJECT_PAYLOAD = {
  CustomerProject: {
    Customer: { CompanyName: 'Example', CountryCode: 'US', Industry: 'Other', WebsiteUrl: 'https://www.example.com' },
    Project: { Title: 'A project', BusinessProblem: 'x'.repeat(20), TargetCompletionDate: '2026-12-31' },
  },
};

const BASES: Record<string, Record<string, unknown>> = {
  CONNECT_INSTANCE: { IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: 'my-alias', InboundCallsEnabled: 'true', OutboundCallsEnabled: 'false' },
  CONNECT_CASE: { DomainId: 'domain-1', TemplateId: 'template-1', Fields: BASE_FIELDS },
  CONNECT_CONTACT_EVALUATION: { InstanceId: 'instance-1', ContactId: 'contact-1', EvaluationFormId: 'form-1' },
  CONNECT_FLOW_VERSION: { InstanceId: 'instance-1', ContactFlowId: 'flow-1' },
  ENGAGEMENT_CONTEXT: { Catalog: 'Sandbox', EngagementIdentifier: 'eng-abcdefghij1234', Type: 'Lead', Payload: LEAD_PAYLOAD },
};

// ---------------------------------------------------------------------------------------------
// The mapping: template property (leaf) → API member(s)
// ---------------------------------------------------------------------------------------------

/** One API member a template value is sent to. */
interface Target {
  readonly service: string;
  /** `Operation.Member…` (see api-model.ts). */
  readonly path: string;
  /** The leaf as the handler sends it (default: unchanged). */
  readonly toApi?: (leaf: unknown) => unknown;
}

/** One leaf value to probe: how it sits in the template property and where it goes. */
interface Probe {
  readonly spec: string;
  readonly property: string;
  /** Where in the property the value sits ("" = the property itself). */
  readonly leaf: string;
  readonly label: string;
  /** The template value of the whole property (undefined = property not given). */
  readonly template: unknown;
  /** The API value at each target (undefined = member not sent). */
  readonly api: readonly { target: Target; value: unknown }[];
  /** Property overrides of the base set (e.g. IdentityManagementType for DirectoryId). */
  readonly base?: Record<string, unknown>;
  readonly notSent?: string;
}

/** A leaf mapping: the leaf's edges come from the first target's shape, the samples and the project rule. */
interface LeafMap {
  readonly spec: string;
  readonly property: string;
  readonly leaf?: string;
  readonly targets: readonly Target[];
  readonly samples?: Samples;
  /** Puts a leaf value into the template property (default: the value is the property). */
  readonly embed?: (leaf: unknown) => unknown;
  /** The template form of a leaf (CloudFormation delivers scalars as strings; default unchanged). */
  readonly toTemplate?: (leaf: unknown) => unknown;
  readonly base?: Record<string, unknown>;
  /** Skip the model-derived edges (when the model shape gives none, e.g. a timestamp). */
  readonly samplesOnly?: boolean;
  /** Why the template value never reaches the API (its disagreements are moot). */
  readonly notSent?: string;
}

/** A count mapping: a list or map of n valid entries. */
interface CountMap {
  readonly spec: string;
  readonly property: string;
  readonly leaf: string;
  readonly sizes: readonly number[];
  readonly targets: readonly Target[];
  /** The template property holding n entries. */
  readonly template: (n: number) => unknown;
  /** The API container with n entries. */
  readonly api: (n: number) => unknown;
}

const C = 'connect';
const CASES = 'connectcases';
const PC = 'partnercentral-selling';
const t = (service: string, path: string, toApi?: (v: unknown) => unknown): Target => ({ service, path, toApi });
const bool = (v: unknown) => (typeof v === 'boolean' ? String(v) : v);
const str = (v: unknown) => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : v);
const clone = <T>(v: T): T => structuredClone(v);

/** Sets (or, for undefined, deletes) a dotted path inside a clone of `root`. `[]` = index 0. */
function setPath(root: unknown, path: string, value: unknown): unknown {
  const copy = clone(root) as Record<string, unknown>;
  const parts = path.split('.').flatMap((p) => (p.endsWith('[]') ? [p.slice(0, -2), '0'] : [p]));
  let node: Record<string, unknown> = copy;
  for (const p of parts.slice(0, -1)) {
    if (value === undefined && node[p] === undefined) return copy;
    node[p] ??= {};
    node = node[p] as Record<string, unknown>;
  }
  const last = parts.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const casesId = (kind: string) => (v: unknown) =>
  typeof v === 'string' ? (new RegExp(`^arn:[^:]+:cases:[^:]*:[^:]*:domain/${kind === 'domain' ? '' : '[^/]+/' + kind + '/'}([^/]+)$`).exec(v)?.[1] ?? v) : v;
const formIdOf = (v: unknown) => (typeof v === 'string' ? (/^arn:[\w-]+:connect:[\w-]+:\d{12}:instance\/[^/]+\/evaluation-form\/([^/]+)$/.exec(v)?.[1] ?? v) : v);
const flowIdOf = (v: unknown) => (typeof v === 'string' ? (/^arn:aws[-a-z0-9]*:connect:[-a-z0-9]+:[0-9]{12}:instance\/[-a-zA-Z0-9]+\/contact-flow\/([-a-zA-Z0-9]+)$/.exec(v)?.[1] ?? v) : v);
/** The handler appends " [cdk-connect-resources <16 hex>]" to every description. */
const withReference = (v: unknown) => (typeof v === 'string' ? `${v} [cdk-connect-resources 0123456789abcdef]` : v);
const toDate = (v: unknown) => (typeof v === 'string' ? new Date(v) : v);
const epochToDate = (v: unknown) => (typeof v === 'bigint' ? new Date(Number(v) * 1000) : v);
const toBigint = (v: unknown) => (typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : v);

const TAG_KEY_SAMPLES: Samples = {
  valid: ['Team', 'cost-center', 'a_b.c:d/e=f+g-h@i', 'key with space', 'ключ', 'Schlüssel'],
  invalid: ['aws:reserved', 'AWS:reserved', 'Aws:x', 'a!b', 'a#b', 'a*b', 'tab\tkey'],
};
const TAG_VALUE_SAMPLES: Samples = { valid: ['', 'v', 'value with space'], invalid: ['é', 'a!b', 'a#b', 'line\nbreak'] };

function tagMaps(specName: string, service: string, create: string, tagResource: string): (LeafMap | CountMap)[] {
  const withKey = (k: unknown) => (typeof k === 'string' ? { [k]: 'v' } : k);
  return [
    { spec: specName, property: 'Tags', leaf: '{key}', targets: [t(service, `${create}{key}`), t(service, `${tagResource}{key}`)], samples: TAG_KEY_SAMPLES, embed: withKey },
    {
      spec: specName,
      property: 'Tags',
      leaf: '{value}',
      targets: [t(service, `${create}{value}`), t(service, `${tagResource}{value}`)],
      samples: TAG_VALUE_SAMPLES,
      embed: (v) => (v === undefined ? { k: undefined } : { k: v }),
    },
    {
      spec: specName,
      property: 'Tags',
      leaf: '(count)',
      sizes: [0, 1, 50, 51],
      // On create the map goes to the create call; on update only its changes go to TagResource /
      // UntagResource (test/handler-units.test.ts), so an empty map never reaches TagResource.
      targets: [t(service, create)],
      template: (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v'])),
      api: (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v'])),
    },
  ];
}

// Lead leaves: CreateEngagementContext takes Interactions (a list), UpdateEngagementContext one Interaction.
function leadTargets(leaf: string, toApi?: (v: unknown) => unknown): Target[] {
  return [
    t(PC, `CreateEngagementContext.Payload.Lead.${leaf}`, toApi),
    t(PC, `UpdateEngagementContext.Payload.Lead.${leaf.replace('Interactions[]', 'Interaction')}`, toApi),
  ];
}
const lead = (leaf: string, samples?: Samples, toApi?: (v: unknown) => unknown): LeafMap => ({
  spec: 'ENGAGEMENT_CONTEXT',
  property: 'Payload',
  leaf: `Lead.${leaf}`,
  targets: leadTargets(leaf, toApi),
  samples,
  embed: (v) => setPath(LEAD_PAYLOAD, `Lead.${leaf}`, v),
});
const project = (leaf: string, samples?: Samples): LeafMap => ({
  spec: 'ENGAGEMENT_CONTEXT',
  property: 'Payload',
  leaf: `CustomerProject.${leaf}`,
  targets: [t(PC, `CreateEngagementContext.Payload.CustomerProject.${leaf}`), t(PC, `UpdateEngagementContext.Payload.CustomerProject.${leaf}`)],
  samples,
  embed: (v) => setPath(PROJECT_PAYLOAD, `CustomerProject.${leaf}`, v),
  base: { Type: 'CustomerProject' },
});

const WEBSITE: Samples = {
  valid: ['https://www.example.com', 'http://example.com', 'example.com', 'www.example.co.uk', 'example.com/path?q=1'],
  invalid: ['not a url', 'http://', 'ftp://example.com', 'example', 'https://example.com/a b'],
};
const EMAIL: Samples = {
  valid: ['someone@example.com', 'first.last+tag@sub.example.org'],
  invalid: ['Someone@Example.com', 'plainaddress', 'a@b', `${'a'.repeat(70)}@example.com`, `${'a'.repeat(243)}@example.com`],
  fill: (n) => (n >= 13 ? `${'a'.repeat(n - 12)}@example.com` : 'a'.repeat(n)),
};
const COUNTRY: Samples = { valid: ['US', 'DE'], invalid: ['us', 'XX', 'USA', 'United States'] };
const INDUSTRY: Samples = { valid: ['Software and Internet', 'Other'], invalid: ['software and internet', 'Nonsense'] };
const DATE: Samples = { valid: ['2026-12-31', '2026-02-30'], invalid: ['2026-13-01', '0999-01-01', '26-12-31', '2026-12-31T00:00:00Z'] };
const DATETIME: Samples = {
  valid: ['2026-05-01T09:30:00Z', '2026-05-01T09:30:00.123+02:00', '2026-05-01T09:30Z'],
  invalid: ['2026-05-01', 'yesterday', '2026-05-01 09:30:00', '2026-13-45T99:99:99Z'],
};

const MAPS: (LeafMap | CountMap)[] = [
  // -- Connect instance: CreateInstance (+ UpdateInstanceAttribute, TagResource)
  { spec: 'CONNECT_INSTANCE', property: 'IdentityManagementType', targets: [t(C, 'CreateInstance.IdentityManagementType')] },
  {
    spec: 'CONNECT_INSTANCE',
    property: 'InstanceAlias',
    targets: [t(C, 'CreateInstance.InstanceAlias')],
    samples: { valid: ['my-alias', 'a--b', 'A1'], invalid: ['d-alias', '-alias', 'alias-', 'my_alias', 'D-alias'] },
  },
  {
    spec: 'CONNECT_INSTANCE',
    property: 'DirectoryId',
    targets: [t(C, 'CreateInstance.DirectoryId')],
    samples: { valid: ['d-0123456789'], invalid: ['d-012345678A', 'd-01234567890', 'x-0123456789'] },
    base: { IdentityManagementType: 'EXISTING_DIRECTORY' },
  },
  // An instance to adopt: DescribeInstance, ListInstanceAttributes and UpdateInstanceAttribute all
  // take it as InstanceId, the same shape (botocore InstanceId, 1–100); the vendored extraction
  // holds UpdateInstanceAttribute's.
  { spec: 'CONNECT_INSTANCE', property: 'InstanceId', targets: [t(C, 'UpdateInstanceAttribute.InstanceId')] },
  {
    spec: 'CONNECT_INSTANCE',
    property: 'InboundCallsEnabled',
    targets: [t(C, 'CreateInstance.InboundCallsEnabled'), t(C, 'UpdateInstanceAttribute.Value', String)],
    toTemplate: bool,
    samples: { invalid: ['yes'] },
  },
  {
    spec: 'CONNECT_INSTANCE',
    property: 'OutboundCallsEnabled',
    targets: [t(C, 'CreateInstance.OutboundCallsEnabled'), t(C, 'UpdateInstanceAttribute.Value', String)],
    toTemplate: bool,
    samples: { invalid: ['yes'] },
  },
  // The other instance attributes: UpdateInstanceAttribute once the instance is ACTIVE. Its Value
  // is a string of 1–100 characters; these attribute types are on/off flags (CfnInstance's
  // AttributesProperty takes booleans), so only true and false are probed: "true"/"false" are sent.
  ...Object.keys(specModule.INSTANCE_ATTRIBUTES).map(
    (property): LeafMap => ({
      spec: 'CONNECT_INSTANCE',
      property,
      targets: [t(C, 'UpdateInstanceAttribute.Value', String)],
      toTemplate: bool,
      samplesOnly: true,
      samples: { valid: [true, false] },
    }),
  ),
  ...tagMaps('CONNECT_INSTANCE', C, 'CreateInstance.Tags', 'TagResource.tags'),
  // ClientToken is not sent: the handler sends sha256(stack, logical id, replacing props) as hex.
  { spec: 'CONNECT_INSTANCE', property: 'ClientToken', targets: [t(C, 'CreateInstance.ClientToken')], notSent: 'the handler sends its own token: sha256 hex (64 characters) of stack id, logical id and replacing properties' },

  // -- Connect Cases: CreateCase, UpdateCase, TagResource
  {
    spec: 'CONNECT_CASE',
    property: 'DomainId',
    targets: [t(CASES, 'CreateCase.domainId', casesId('domain')), t(CASES, 'UpdateCase.domainId', casesId('domain'))],
    samples: { valid: ['arn:aws:cases:us-east-1:123456789012:domain/d1'] },
  },
  {
    spec: 'CONNECT_CASE',
    property: 'TemplateId',
    targets: [t(CASES, 'CreateCase.templateId', casesId('template'))],
    samples: { valid: ['arn:aws:cases:us-east-1:123456789012:domain/d1/template/t1'] },
  },
  {
    spec: 'CONNECT_CASE',
    property: 'Fields',
    leaf: '[].Id',
    targets: [t(CASES, 'CreateCase.fields[].id', casesId('field')), t(CASES, 'UpdateCase.fields[].id', casesId('field'))],
    samples: { valid: ['arn:aws:cases:us-east-1:123456789012:domain/d1/field/f1'], invalid: ['title'] },
    embed: (v) => [...BASE_FIELDS, { Id: v, Value: { StringValue: 'x' } }],
  },
  ...(['StringValue', 'UserArnValue'] as const).map(
    (member): LeafMap => ({
      spec: 'CONNECT_CASE',
      property: 'Fields',
      leaf: `[].Value.${member}`,
      targets: [CASES].flatMap((s) => [t(s, `CreateCase.fields[].value.${member[0].toLowerCase()}${member.slice(1)}`), t(s, `UpdateCase.fields[].value.${member[0].toLowerCase()}${member.slice(1)}`)]),
      embed: (v) => [...BASE_FIELDS, { Id: 'probe', Value: v === undefined ? {} : { [member]: v } }],
    }),
  ),
  {
    spec: 'CONNECT_CASE',
    property: 'Fields',
    leaf: '[].Value.DoubleValue',
    targets: [t(CASES, 'CreateCase.fields[].value.doubleValue')],
    samples: { valid: [42, 0.5], invalid: [Infinity, NaN] },
    toTemplate: str,
    embed: (v) => [...BASE_FIELDS, { Id: 'probe', Value: v === undefined ? {} : { DoubleValue: v } }],
  },
  {
    spec: 'CONNECT_CASE',
    property: 'Fields',
    leaf: '[].Value.BooleanValue',
    targets: [t(CASES, 'CreateCase.fields[].value.booleanValue')],
    toTemplate: bool,
    embed: (v) => [...BASE_FIELDS, { Id: 'probe', Value: v === undefined ? {} : { BooleanValue: v } }],
  },
  {
    spec: 'CONNECT_CASE',
    property: 'Fields',
    leaf: '(count)',
    sizes: [0, 1, 2, 220, 221],
    targets: [t(CASES, 'CreateCase.fields'), t(CASES, 'UpdateCase.fields')],
    template: (n) => [...BASE_FIELDS, ...Array.from({ length: Math.max(0, n - 2) }, (_, i) => ({ Id: `f${i}`, Value: { StringValue: 'x' } }))].slice(0, n),
    api: (n) => [...BASE_FIELDS, ...Array.from({ length: Math.max(0, n - 2) }, (_, i) => ({ Id: `f${i}`, Value: { StringValue: 'x' } }))].slice(0, n).map((f) => ({ id: f.Id, value: { stringValue: f.Value.StringValue } })),
  },
  {
    spec: 'CONNECT_CASE',
    property: 'PerformedBy',
    leaf: 'UserArn',
    targets: [t(CASES, 'CreateCase.performedBy.userArn'), t(CASES, 'UpdateCase.performedBy.userArn')],
    embed: (v) => (v === undefined ? {} : { UserArn: v }),
  },
  {
    spec: 'CONNECT_CASE',
    property: 'PerformedBy',
    leaf: 'CustomEntity',
    targets: [t(CASES, 'CreateCase.performedBy.customEntity'), t(CASES, 'UpdateCase.performedBy.customEntity')],
    samples: { valid: ['Bot 7', 'system@example.com', 'a/b:c'], invalid: ['trailing ', 'a!b', 'é'] },
    embed: (v) => (v === undefined ? {} : { CustomEntity: v }),
  },
  ...tagMaps('CONNECT_CASE', CASES, 'CreateCase.tags', 'TagResource.tags'),
  { spec: 'CONNECT_CASE', property: 'ClientToken', targets: [t(CASES, 'CreateCase.clientToken')], notSent: 'the handler sends its own token: sha256 hex (64 characters) of stack id, logical id and replacing properties' },

  // -- Contact evaluations: StartContactEvaluation, Update/SubmitContactEvaluation, TagResource
  ...['InstanceId'].map(
    (p): LeafMap => ({
      spec: 'CONNECT_CONTACT_EVALUATION',
      property: p,
      targets: [t(C, `StartContactEvaluation.${p}`), t(C, `UpdateContactEvaluation.${p}`), t(C, `SubmitContactEvaluation.${p}`)],
    }),
  ),
  { spec: 'CONNECT_CONTACT_EVALUATION', property: 'ContactId', targets: [t(C, 'StartContactEvaluation.ContactId')] },
  {
    spec: 'CONNECT_CONTACT_EVALUATION',
    property: 'EvaluationFormId',
    targets: [t(C, 'StartContactEvaluation.EvaluationFormId', formIdOf)],
    samples: { valid: ['arn:aws:connect:us-east-1:123456789012:instance/instance-1/evaluation-form/f1'], invalid: ['arn:aws:connect:us-east-1:123456789012:instance/i1/queue/q1'] },
  },
  {
    spec: 'CONNECT_CONTACT_EVALUATION',
    property: 'AutoEvaluationConfiguration',
    leaf: 'Enabled',
    targets: [t(C, 'StartContactEvaluation.AutoEvaluationConfiguration.Enabled')],
    toTemplate: bool,
    embed: (v) => (v === undefined ? {} : { Enabled: v }),
  },
  {
    spec: 'CONNECT_CONTACT_EVALUATION',
    property: 'Answers',
    leaf: '{key}',
    targets: [t(C, 'UpdateContactEvaluation.Answers{key}'), t(C, 'SubmitContactEvaluation.Answers{key}')],
    embed: (k) => (typeof k === 'string' ? { [k]: { Value: { StringValue: 'x' } } } : k),
  },
  ...(
    [
      ['StringValue', undefined, undefined],
      ['NumericValue', str, { valid: [42, -1.5], invalid: [Infinity, NaN] }],
      ['DateTimeValue', undefined, DATETIME],
      ['NotApplicable', bool, undefined],
    ] as const
  ).map(
    ([member, toTemplate, samples]): LeafMap => ({
      spec: 'CONNECT_CONTACT_EVALUATION',
      property: 'Answers',
      leaf: `{value}.Value.${member}`,
      targets: [t(C, `UpdateContactEvaluation.Answers{value}.Value.${member}`), t(C, `SubmitContactEvaluation.Answers{value}.Value.${member}`)],
      toTemplate,
      samples,
      embed: (v) => ({ q1: { Value: v === undefined ? {} : { [member]: v } } }),
    }),
  ),
  {
    spec: 'CONNECT_CONTACT_EVALUATION',
    property: 'Answers',
    leaf: '{value}.Value.StringValues[]',
    targets: [t(C, 'UpdateContactEvaluation.Answers{value}.Value.StringValues[]')],
    embed: (v) => ({ q1: { Value: { StringValues: v === undefined ? [] : [v] } } }),
  },
  {
    spec: 'CONNECT_CONTACT_EVALUATION',
    property: 'Answers',
    leaf: '{value}.Value',
    targets: [t(C, 'UpdateContactEvaluation.Answers{value}.Value')],
    samplesOnly: true,
    samples: { valid: [{ StringValue: 'x' }], invalid: [{}, { StringValue: 'x', NumericValue: 1 }] },
    embed: (v) => ({ q1: v === undefined ? {} : { Value: v } }),
  },
  {
    spec: 'CONNECT_CONTACT_EVALUATION',
    property: 'Answers',
    leaf: '(count)',
    sizes: [0, 1, 100, 101],
    targets: [t(C, 'UpdateContactEvaluation.Answers')],
    template: (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, { Value: { StringValue: 'x' } }])),
    api: (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, { Value: { StringValue: 'x' } }])),
  },
  {
    spec: 'CONNECT_CONTACT_EVALUATION',
    property: 'Notes',
    leaf: '{value}.Value',
    targets: [t(C, 'UpdateContactEvaluation.Notes{value}.Value'), t(C, 'SubmitContactEvaluation.Notes{value}.Value')],
    embed: (v) => ({ n1: v === undefined ? {} : { Value: v } }),
  },
  {
    spec: 'CONNECT_CONTACT_EVALUATION',
    property: 'Notes',
    leaf: '(count)',
    sizes: [0, 1, 100, 101],
    targets: [t(C, 'UpdateContactEvaluation.Notes')],
    template: (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`n${i}`, { Value: 'x' }])),
    api: (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`n${i}`, { Value: 'x' }])),
  },
  ...tagMaps('CONNECT_CONTACT_EVALUATION', C, 'StartContactEvaluation.Tags', 'TagResource.tags'),
  { spec: 'CONNECT_CONTACT_EVALUATION', property: 'ClientToken', targets: [t(C, 'StartContactEvaluation.ClientToken')], notSent: 'the handler sends its own token: sha256 hex (64 characters) of stack id, logical id and replacing properties' },
  // Submit: no API member (it decides whether SubmitContactEvaluation is called).

  // -- Flow versions: CreateContactFlowVersion
  { spec: 'CONNECT_FLOW_VERSION', property: 'InstanceId', targets: [t(C, 'CreateContactFlowVersion.InstanceId')] },
  {
    spec: 'CONNECT_FLOW_VERSION',
    property: 'ContactFlowId',
    targets: [t(C, 'CreateContactFlowVersion.ContactFlowId', flowIdOf)],
    samples: {
      valid: ['0a1b2c3d-aaaa-bbbb-cccc-0123456789ab', 'arn:aws:connect:us-east-1:123456789012:instance/instance-1/contact-flow/f1'],
      invalid: ['flow_1', 'arn:aws:connect:us-east-1:123456789012:instance/instance-1/contact-flow/f1:3'],
    },
  },
  { spec: 'CONNECT_FLOW_VERSION', property: 'Description', targets: [t(C, 'CreateContactFlowVersion.Description', withReference)] },
  { spec: 'CONNECT_FLOW_VERSION', property: 'FlowContentSha256', targets: [t(C, 'CreateContactFlowVersion.FlowContentSha256')], samples: { valid: ['a'.repeat(64), 'A1'.repeat(32)], invalid: ['-'.repeat(64)] } },
  {
    spec: 'CONNECT_FLOW_VERSION',
    property: 'ContactFlowVersion',
    targets: [t(C, 'CreateContactFlowVersion.ContactFlowVersion', toBigint)],
    toTemplate: str,
    samples: { valid: [2n ** 53n - 1n, 2n ** 53n, 2n ** 60n, 2n ** 60n + 1n] },
  },
  {
    spec: 'CONNECT_FLOW_VERSION',
    property: 'LastModifiedRegion',
    targets: [t(C, 'CreateContactFlowVersion.LastModifiedRegion')],
    samples: { valid: ['us-west-2', 'ap-southeast-1', 'us-gov-west-1', 'eu-central'], invalid: ['US-WEST-2', 'us-west-2x', 'xus-west-2', 'us-west-22', 'us'] },
  },
  {
    spec: 'CONNECT_FLOW_VERSION',
    property: 'LastModifiedTime',
    targets: [t(C, 'CreateContactFlowVersion.LastModifiedTime', (v) => epochToDate(toBigint(v)))],
    toTemplate: str,
    samplesOnly: true,
    samples: { valid: [0n, 1700000000n, 253402300799n, 253402300800n, -1n, 8640000000000n], invalid: [8640000000001n] },
  },

  // -- Partner Central: CreateEngagementContext / UpdateEngagementContext
  {
    spec: 'ENGAGEMENT_CONTEXT',
    property: 'Catalog',
    targets: [t(PC, 'CreateEngagementContext.Catalog'), t(PC, 'UpdateEngagementContext.Catalog')],
    samples: { valid: ['AWS', 'Sandbox'], invalid: ['aws', 'sandbox', 'Other', 'AWS1'] },
  },
  {
    spec: 'ENGAGEMENT_CONTEXT',
    property: 'EngagementIdentifier',
    targets: [t(PC, 'CreateEngagementContext.EngagementIdentifier'), t(PC, 'UpdateEngagementContext.EngagementIdentifier')],
    samples: {
      valid: ['eng-abcdefghij1234', 'arn:aws:partnercentral:us-east-1::catalog/AWS/engagement/eng-abcdefghij1234', 'arn:'],
      invalid: ['eng-ABCDEFGHIJ1234', 'eng-short', 'eng-abcdefghij12345', 'x-eng-abcdefghij1234'],
    },
  },
  { spec: 'ENGAGEMENT_CONTEXT', property: 'Type', targets: [t(PC, 'CreateEngagementContext.Type'), t(PC, 'UpdateEngagementContext.Type')] },
  { spec: 'ENGAGEMENT_CONTEXT', property: 'ClientToken', targets: [t(PC, 'CreateEngagementContext.ClientToken')], notSent: 'the handler sends its own token: sha256 hex (64 characters) of stack id, logical id and replacing properties', samples: { valid: ['0a1b2c3d-aaaa-bbbb-cccc-0123456789ab'], invalid: ['token with space', 'tok_en'] } },
  project('Customer.CompanyName'),
  project('Customer.CountryCode', COUNTRY),
  project('Customer.Industry', INDUSTRY),
  project('Customer.WebsiteUrl', WEBSITE),
  project('Project.Title'),
  project('Project.BusinessProblem'),
  project('Project.TargetCompletionDate', DATE),
  {
    spec: 'ENGAGEMENT_CONTEXT',
    property: 'Payload',
    leaf: 'CustomerProject.Customer',
    targets: [t(PC, 'CreateEngagementContext.Payload.CustomerProject.Customer')],
    samplesOnly: true,
    embed: (v) => setPath(PROJECT_PAYLOAD, 'CustomerProject.Customer', v),
    base: { Type: 'CustomerProject' },
  },
  lead('QualificationStatus'),
  lead('Customer.CompanyName'),
  lead('Customer.Industry', INDUSTRY),
  lead('Customer.WebsiteUrl', WEBSITE),
  lead('Customer.Address.City'),
  lead('Customer.Address.PostalCode'),
  lead('Customer.Address.StateOrRegion'),
  lead('Customer.Address.CountryCode', COUNTRY),
  lead('Customer.AwsMaturity'),
  lead('Customer.MarketSegment'),
  lead('Interactions[].SourceType'),
  lead('Interactions[].SourceId'),
  lead('Interactions[].SourceName'),
  lead('Interactions[].Usecase'),
  { ...lead('Interactions[].InteractionDate', DATETIME, toDate), samplesOnly: true },
  lead('Interactions[].CustomerAction'),
  lead('Interactions[].BusinessProblem'),
  lead('Interactions[].Contact.BusinessTitle'),
  lead('Interactions[].Contact.Email', EMAIL),
  lead('Interactions[].Contact.FirstName'),
  lead('Interactions[].Contact.LastName'),
  lead('Interactions[].Contact.Phone', { valid: ['+1 206 555 0100'] }),
  {
    spec: 'ENGAGEMENT_CONTEXT',
    property: 'Payload',
    leaf: 'Lead.Interactions(count)',
    sizes: [0, 1, 2, 10, 11],
    targets: [t(PC, 'CreateEngagementContext.Payload.Lead.Interactions')],
    template: (n) => setPath(LEAD_PAYLOAD, 'Lead.Interactions', Array.from({ length: n }, () => ({ Contact: LEAD_CONTACT }))),
    api: (n) => Array.from({ length: n }, () => ({ Contact: LEAD_CONTACT })),
  },
];

/** Template properties deliberately not mapped to an API member, and why. */
const UNMAPPED: Record<string, string> = {
  'CONNECT_CONTACT_EVALUATION.Submit': 'no API member: decides whether SubmitContactEvaluation is called',
  'CONNECT_INSTANCE.DestroyAdopted': 'no API member: decides whether the Delete of an adopted instance calls DeleteInstance',
};

// ---------------------------------------------------------------------------------------------
// Probing
// ---------------------------------------------------------------------------------------------

const models = new Map<string, ApiModel>();
const model = (service: string) => {
  if (!models.has(service)) models.set(service, loadModel(service));
  return models.get(service)!;
};

/** Edge values of a leaf mapping: from the model shape, the samples and the project's own rule. */
function leafProbes(m: LeafMap): Probe[] {
  const first = model(m.targets[0].service).resolve(m.targets[0].path);
  // "absent" is probed for optional members of (non-union) structures only.
  const optional = first.parent ? !first.parent.shape.union && !(first.parent.shape.required ?? []).includes(first.parent.member) : false;
  const edges = m.samplesOnly
    ? edgeValues({ type: 'none' }, m.samples ?? {}, optional)
    : [...edgeValues(first.shape, m.samples ?? {}, optional)];
  if (!m.samplesOnly) {
    // Edges of the other targets' shapes and of the project rule (top-level properties only).
    const seen = new Set(edges.map((e) => (typeof e.value === 'bigint' ? `${e.value}n` : JSON.stringify(e.value))));
    const more = m.targets.slice(1).flatMap((target) => edgeValues(model(target.service).resolve(target.path).shape, m.samples ?? {}));
    const rule = m.leaf ? undefined : spec(m.spec).properties[m.property]?.rule;
    if (rule?.kind === 'string') {
      const fill = m.samples?.fill ?? ((n: number) => 'a'.repeat(n));
      for (const n of [rule.minLength, rule.maxLength]) {
        if (n === undefined) continue;
        if (n > 1) more.push({ label: `project ${n - 1}`, value: fill(n - 1) });
        more.push({ label: `project ${n}`, value: fill(n) }, { label: `project ${n + 1}`, value: fill(n + 1) });
      }
      for (const v of rule.values ?? []) more.push({ label: `project value ${v}`, value: v });
    }
    if (rule?.kind === 'integer') {
      for (const n of [rule.min, rule.max]) if (n !== undefined) more.push({ label: `project ${n - 1n}`, value: n - 1n }, { label: `project ${n}`, value: n }, { label: `project ${n + 1n}`, value: n + 1n });
    }
    for (const e of more) {
      const key = typeof e.value === 'bigint' ? `${e.value}n` : JSON.stringify(e.value);
      if (!seen.has(key)) {
        seen.add(key);
        edges.push(e);
      }
    }
  }
  return edges.map((edge) => {
    const leafTemplate = edge.value === undefined ? undefined : (m.toTemplate ?? ((v) => v))(edge.value);
    const template = m.embed ? m.embed(leafTemplate) : leafTemplate;
    return {
      spec: m.spec,
      property: m.property,
      leaf: m.leaf ?? '',
      label: edge.label,
      template,
      base: m.base,
      notSent: m.notSent,
      api: m.targets.map((target) => ({
        target,
        value: edge.value === undefined ? undefined : (target.toApi ?? ((v) => v))(m.toTemplate && target.toApi ? leafTemplate : edge.value),
      })),
    };
  });
}

function countProbes(m: CountMap): Probe[] {
  return m.sizes.map((n) => ({
    spec: m.spec,
    property: m.property,
    leaf: m.leaf,
    label: `${n} entries`,
    template: m.template(n),
    api: m.targets.map((target) => ({ target, value: m.api(n) })),
  }));
}

type ProjectVerdict = 'accept' | 'reject' | 'absent';

interface Row {
  readonly spec: string;
  readonly property: string;
  readonly leaf: string;
  readonly label: string;
  readonly value: string;
  readonly project: ProjectVerdict;
  readonly projectProblems: string[];
  /** Model verdict on what is actually sent (the value, or omission when the project drops it). */
  readonly model: boolean;
  /** Model verdict on the value itself (even when the project would drop it). */
  readonly modelOnValue: boolean;
  /** The literal Smithy reading (unanchored patterns), when it differs. */
  readonly modelUnanchored: boolean;
  readonly modelProblems: string[];
  readonly notSent?: string;
}

function showValue(v: unknown): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'bigint') return `${v}`;
  const s = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}` : x)) ?? String(v);
  // Summarize long repeats: "aaaa…" (n chars).
  const m = /^"(.)\1{20,}"$/u.exec(s) ?? /^"((.)\2{20,}.*)"$/u.exec(s);
  return m && typeof v === 'string' ? `${JSON.stringify(v.slice(0, 6))}… (${v.length} UTF-16 units, ${[...v].length} code points)` : s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

function modelVerdict(api: Probe['api'], omit: boolean, anchored: boolean): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  for (const { target, value } of api) {
    const m = model(target.service);
    const resolved = m.resolve(target.path);
    if (omit || value === undefined) {
      if (resolved.parent && (resolved.parent.shape.required ?? []).includes(resolved.parent.member)) problems.push(`${target.path}: required`);
      continue;
    }
    problems.push(...m.problems(resolved.name, value, { anchored }, target.path));
    // An HTTP label (a member bound to the URI) cannot be empty.
    if (value === '' && resolved.parent?.shape.members?.[resolved.parent.member]?.location === 'uri') problems.push(`${target.path}: empty URI label`);
  }
  return { ok: problems.length === 0, problems };
}

function run(probe: Probe): Row {
  const s = spec(probe.spec);
  const raw: Record<string, unknown> = { ...BASES[probe.spec], ...probe.base };
  if (probe.template === undefined) delete raw[probe.property];
  else raw[probe.property] = probe.template;
  const { values, problems } = specs.checkProperties(s, raw, { templateNames: true });
  const p = s.properties[probe.property];
  // Problems of this property: labelled "<Name> (<prop>) …", or a cross-property rule naming the prop.
  const mine = problems.filter((x) => x.startsWith(`${probe.property} (`) || new RegExp(`\\b${p.prop}\\b`).test(x));
  const project: ProjectVerdict = mine.length > 0 ? 'reject' : probe.property in values ? 'accept' : 'absent';
  // What is sent: for a top-level property the project drops, nothing; inside JSON the value as is.
  const omit = project === 'absent';
  const sent = modelVerdict(probe.api, omit, true);
  const onValue = modelVerdict(probe.api, false, true);
  const literal = modelVerdict(probe.api, omit, false);
  return {
    spec: probe.spec,
    property: probe.property,
    leaf: probe.leaf,
    label: probe.label,
    value: showValue(probe.api[0]?.value === undefined ? undefined : probe.template === undefined ? undefined : probe.leaf ? probe.api[0].value : probe.template),
    project,
    projectProblems: mine,
    model: sent.ok,
    modelOnValue: onValue.ok,
    modelUnanchored: literal.ok,
    modelProblems: [...new Set([...sent.problems, ...(sent.ok ? onValue.problems : [])])],
    notSent: probe.notSent,
  };
}

const probes = MAPS.flatMap((m) => ('sizes' in m ? countProbes(m) : leafProbes(m)));
const rows = probes.map(run);
const disagreements = rows.filter((r) => (r.project !== 'reject') !== r.model);

/** A disagreement's name: "SPEC.Property[.leaf]: probe". */
function key(r: Row): string {
  return `${r.spec}.${r.property}${r.leaf ? `.${r.leaf}` : ''}: ${r.label}`;
}

/** The disagreements the project keeps on purpose, each with its reason. */
const CROSS = 'a rule across properties, not a rule of this member';
const INDUSTRY_OWNED_BY_SERVICE =
  'Partner Central owns its list of industries and adds to it (Industry.of(...) names one this release does not know): any non-empty name is sent, and the service refuses one it does not know';
const JS_INTEGER = `JavaScript numbers hold whole numbers exactly only up to 2^53 - 1; the SDK would send a neighbouring number (flow-version.ts crossCheck)`;
const CATALOG = 'documentation stricter than the model: the API reference names the catalogs "AWS" and "Sandbox"; the model allows [a-zA-Z]+';
const PC_TOKEN =
  'documentation stricter than the model: the API reference says the client token "must not exceed sixty-four alphanumeric characters" (we admit the hyphens of the UUID it recommends); the model says .{1,255}. The handler sends its own 64-hex token anyway';
const DESCRIPTION =
  "CloudFormation documents at most 500 characters for a flow version's description (AWS::Connect::ContactFlowVersion); the handler appends a reference of up to 50, so 450 are left. The API model has no max";
const SINGLE_INTERACTION = 'UpdateEngagementContext takes a single Interaction: a lead context kept in step with its template holds exactly one';
const CASE_FIELDS = 'documented by Connect Cases: a case needs the title and customer_id fields, each field once (caseFieldIdProblems)';
const TYPE = 'Type is derived from the payload (a cross-property rule), and the library offers the CustomerProject and Lead payloads only';
const RFC3339 =
  'the model takes a timestamp; the template carries a string, read only in RFC 3339 form: a bare date or a space for "T" is parsed by JavaScript in local time';
const EVALUATION_DATE_TIME =
  "the model's ISO8601Datetime is a plain string; its name and the construct's documentation say a date and time: the project takes ISO 8601 date-times (RFC 3339 form) that exist in the calendar";
const LAST_MODIFIED =
  "the model's Timestamp has no bounds; a last-modified time lies from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the last second a four-digit year writes (spec/flow-version.ts)";

/** The disagreements the project keeps on purpose, each with its reason. */
const DELIBERATE: Record<string, string> = {
  // The handler adds its ownership tag to every resource it creates (src/handler/ownership.ts):
  // one of the service's 50 tags is taken, 49 are left to the user.
  'CONNECT_INSTANCE.Tags.(count): 50 entries': 'one of the 50 tags is the ownership tag the handler adds',
  'CONNECT_CONTACT_EVALUATION.Tags.(count): 50 entries': 'one of the 50 tags is the ownership tag the handler adds',
  'CONNECT_CASE.Tags.(count): 50 entries': 'one of the 50 tags is the ownership tag the handler adds',
  'CONNECT_INSTANCE.IdentityManagementType: enum EXISTING_DIRECTORY': `${CROSS}: EXISTING_DIRECTORY needs a directoryId (the base set has none)`,
  'CONNECT_INSTANCE.DirectoryId: absent': `${CROSS}: the base set for DirectoryId is EXISTING_DIRECTORY, which needs one`,
  'CONNECT_CASE.Fields.(count): 0 entries': CASE_FIELDS,
  'CONNECT_CASE.Fields.(count): 1 entries': CASE_FIELDS,
  'CONNECT_CASE.Fields.[].Id: sample "title"': CASE_FIELDS,
  'CONNECT_CONTACT_EVALUATION.EvaluationFormId: sample "arn:aws:connect:us-east-1:123456789012:':
    'an ARN that is not an evaluation form ARN names another resource: the handler sends the form id of a form ARN and would send any other ARN whole',
  'ENGAGEMENT_CONTEXT.Payload.CustomerProject.Customer.Industry: enum member in lower case': INDUSTRY_OWNED_BY_SERVICE,
  'ENGAGEMENT_CONTEXT.Payload.CustomerProject.Customer.Industry: not an enum member': INDUSTRY_OWNED_BY_SERVICE,
  'ENGAGEMENT_CONTEXT.Payload.CustomerProject.Customer.Industry: sample "Nonsense"': INDUSTRY_OWNED_BY_SERVICE,
  'ENGAGEMENT_CONTEXT.Payload.CustomerProject.Customer.Industry: sample "software and internet"': INDUSTRY_OWNED_BY_SERVICE,
  'CONNECT_FLOW_VERSION.ContactFlowVersion: max (9223372036854775807)': JS_INTEGER,
  'CONNECT_FLOW_VERSION.ContactFlowVersion: project 9223372036854775806': JS_INTEGER,
  'CONNECT_FLOW_VERSION.ContactFlowVersion: sample "9007199254740992"': JS_INTEGER,
  'CONNECT_FLOW_VERSION.ContactFlowVersion: sample "1152921504606846976"': JS_INTEGER,
  'CONNECT_FLOW_VERSION.ContactFlowVersion: sample "1152921504606846977"': JS_INTEGER,
  'CONNECT_FLOW_VERSION.LastModifiedTime: sample "-1"': LAST_MODIFIED,
  'CONNECT_FLOW_VERSION.LastModifiedTime: sample "253402300800"': LAST_MODIFIED,
  'CONNECT_FLOW_VERSION.LastModifiedTime: sample "8640000000000"': LAST_MODIFIED,
  'CONNECT_FLOW_VERSION.Description: no max: 2000 chars': DESCRIPTION,
  'CONNECT_FLOW_VERSION.Description: project 451': DESCRIPTION,
  'ENGAGEMENT_CONTEXT.Catalog: no max: 2000 chars': CATALOG,
  'ENGAGEMENT_CONTEXT.Catalog: sample "Other"': CATALOG,
  'ENGAGEMENT_CONTEXT.Catalog: sample "aws"': CATALOG,
  'ENGAGEMENT_CONTEXT.Catalog: sample "sandbox"': CATALOG,
  'ENGAGEMENT_CONTEXT.ClientToken: empty': '"" means "not given" at top level: the handler then sends its own token',
  'CONNECT_INSTANCE.InstanceId: empty': '"" means "not given" at top level, as for every optional property (an instance is created); the construct refuses an empty adoptInstance at synth',
  'ENGAGEMENT_CONTEXT.ClientToken: max (255)': PC_TOKEN,
  'ENGAGEMENT_CONTEXT.ClientToken: project 65': PC_TOKEN,
  'ENGAGEMENT_CONTEXT.ClientToken: sample "tok_en"': PC_TOKEN,
  'ENGAGEMENT_CONTEXT.ClientToken: sample "token with space"': PC_TOKEN,
  'ENGAGEMENT_CONTEXT.Type: enum CustomerProject': TYPE,
  'ENGAGEMENT_CONTEXT.Type: enum ProspectingResult': TYPE,
  'ENGAGEMENT_CONTEXT.Type: enum CustomerAccount': TYPE,
  'ENGAGEMENT_CONTEXT.Payload.CustomerProject.Project.TargetCompletionDate: sample "2026-02-30"':
    'the model\'s pattern admits days that do not exist; the project takes real calendar dates only',
  'ENGAGEMENT_CONTEXT.Payload.Lead.Interactions(count): 2 entries': SINGLE_INTERACTION,
  'ENGAGEMENT_CONTEXT.Payload.Lead.Interactions(count): 10 entries': SINGLE_INTERACTION,
  'ENGAGEMENT_CONTEXT.Payload.Lead.Interactions[].InteractionDate: sample "2026-05-01"': RFC3339,
  'ENGAGEMENT_CONTEXT.Payload.Lead.Interactions[].InteractionDate: sample "2026-05-01 09:30:00"': RFC3339,
  'CONNECT_CONTACT_EVALUATION.Answers.{value}.Value.DateTimeValue: empty': EVALUATION_DATE_TIME,
  'CONNECT_CONTACT_EVALUATION.Answers.{value}.Value.DateTimeValue: no max: 2000 chars': EVALUATION_DATE_TIME,
  'CONNECT_CONTACT_EVALUATION.Answers.{value}.Value.DateTimeValue: sample "2026-05-01 09:30:00"': EVALUATION_DATE_TIME,
  'CONNECT_CONTACT_EVALUATION.Answers.{value}.Value.DateTimeValue: sample "2026-05-01"': EVALUATION_DATE_TIME,
  'CONNECT_CONTACT_EVALUATION.Answers.{value}.Value.DateTimeValue: sample "2026-13-45T99:99:99Z"': EVALUATION_DATE_TIME,
  'CONNECT_CONTACT_EVALUATION.Answers.{value}.Value.DateTimeValue: sample "yesterday"': EVALUATION_DATE_TIME,
};

describe('validation equals the API model', () => {
  test('the base property sets are valid on the project side', () => {
    for (const [name, base] of Object.entries(BASES)) expect([name, specs.checkProperties(spec(name), base, { templateNames: true }).problems]).toEqual([name, []]);
    expect(specs.checkProperties(spec('ENGAGEMENT_CONTEXT'), { ...BASES.ENGAGEMENT_CONTEXT, Type: 'CustomerProject', Payload: PROJECT_PAYLOAD }).problems).toEqual([]);
  });

  test('the base payloads are valid in the model', () => {
    const pc = model(PC);
    expect(pc.problems('EngagementContextPayload', { Lead: { ...LEAD_PAYLOAD.Lead } })).toEqual([]);
    expect(pc.problems('EngagementContextPayload', PROJECT_PAYLOAD)).toEqual([]);
    const cases = model(CASES);
    expect(cases.problems('CreateCaseRequestFieldsList', BASE_FIELDS.map((f) => ({ id: f.Id, value: { stringValue: f.Value.StringValue } })))).toEqual([]);
  });

  test('every template property of every spec is mapped', () => {
    const names = ['CONNECT_INSTANCE', 'CONNECT_CASE', 'CONNECT_CONTACT_EVALUATION', 'CONNECT_FLOW_VERSION', 'ENGAGEMENT_CONTEXT'];
    const mapped = new Set(MAPS.map((m) => `${m.spec}.${m.property}`));
    const missing = names.flatMap((n) => Object.keys(spec(n).properties).map((p) => `${n}.${p}`)).filter((k) => !mapped.has(k) && !(k in UNMAPPED));
    expect(missing).toEqual([]);
  });

  test('the client token the handler derives (64 hex characters) suits every ClientToken member', () => {
    const token = 'ab'.repeat(32);
    expect(model(C).problems('ClientToken', token)).toEqual([]);
    expect(model(CASES).problems('CreateCaseRequestClientTokenString', token)).toEqual([]);
    expect(model(PC).problems('ClientToken', token)).toEqual([]);
  });

  test("every instance attribute is one of the model's InstanceAttributeType values", () => {
    const values = model(C).shape('InstanceAttributeType').enum ?? [];
    expect(Object.values(specModule.ALL_INSTANCE_ATTRIBUTES).filter((v) => !values.includes(v))).toEqual([]);
  });

  test("each type's paced operation (its rate quota) is an operation of its service's model", () => {
    const service: Record<string, string> = { CONNECT_INSTANCE: C, CONNECT_FLOW_VERSION: C, CONNECT_CONTACT_EVALUATION: C, CONNECT_CASE: CASES, ENGAGEMENT_CONTEXT: PC };
    for (const [name, svc] of Object.entries(service)) expect(Object.keys(model(svc).file.operations)).toContain(spec(name).rateQuota.operation);
  });

  test('every mapped API member exists in the model', () => {
    for (const m of MAPS) for (const target of m.targets) expect(() => model(target.service).resolve(target.path)).not.toThrow();
  });

  test('every disagreement with the model is deliberate', () => {
    const found = Object.fromEntries(disagreements.map((r) => [key(r), `model ${r.model ? 'accepts' : 'rejects'}, project ${r.project}: ${r.value}`]));
    const unexplained = Object.keys(found).filter((k) => !(k in DELIBERATE));
    const stale = Object.keys(DELIBERATE).filter((k) => !(k in found));
    expect({ unexplained: Object.fromEntries(unexplained.map((k) => [k, found[k]])), stale }).toEqual({ unexplained: {}, stale: [] });
    expect(rows.length).toBeGreaterThan(800);
  });
});
