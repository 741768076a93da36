/** Custom::ConnectInstance — the template interface of Connect CreateInstance. */
import { BOOLEAN, CONNECT_CLIENT_TOKEN, CONNECT_TAGS, defineSpec, oneOf, PropertiesOf, show, text, ValueRule } from './rules';

/**
 * The states of an instance (the model's InstanceStatus enum, DescribeInstance), for the status
 * an imported instance is given.
 */
export const INSTANCE_STATUS = oneOf(['CREATION_IN_PROGRESS', 'ACTIVE', 'CREATION_FAILED']);

/** IdentityManagementType values of CreateInstance. */
export const IDENTITY_MANAGEMENT_TYPES = ['SAML', 'CONNECT_MANAGED', 'EXISTING_DIRECTORY'] as const;

/**
 * The instance attributes set with UpdateInstanceAttribute once the instance is ACTIVE, by
 * template property. The values are the API's InstanceAttributeType (botocore 1.44.8
 * connect/2017-08-08 service-2.json: 14 values, of which INBOUND_CALLS and OUTBOUND_CALLS are
 * CreateInstance members instead, see {@link CALL_ATTRIBUTES}).
 *
 * The names are those of CfnInstance.AttributesProperty (aws-cdk-lib 2.276) with the `Enabled`
 * suffix of CreateInstance's `InboundCallsEnabled`, so that a user moving from the L1 finds
 * `contactLens` as `contactLensEnabled` — spelling quirks of the L1 (`contactflowLogs`,
 * `highVolumeOutBound`) included.
 */
export const INSTANCE_ATTRIBUTES = {
  AutoMuteAgentOnHoldEnabled: 'AUTO_MUTE_AGENT_ON_HOLD',
  AutoResolveBestVoicesEnabled: 'AUTO_RESOLVE_BEST_VOICES',
  ContactflowLogsEnabled: 'CONTACTFLOW_LOGS',
  ContactLensEnabled: 'CONTACT_LENS',
  EarlyMediaEnabled: 'EARLY_MEDIA',
  EnhancedChatMonitoringEnabled: 'ENHANCED_CHAT_MONITORING',
  EnhancedContactMonitoringEnabled: 'ENHANCED_CONTACT_MONITORING',
  HighVolumeOutBoundEnabled: 'HIGH_VOLUME_OUTBOUND',
  MessageStreamingEnabled: 'MESSAGE_STREAMING',
  MultiPartyChatConferenceEnabled: 'MULTI_PARTY_CHAT_CONFERENCE',
  MultiPartyConferenceEnabled: 'MULTI_PARTY_CONFERENCE',
  UseCustomTtsVoicesEnabled: 'USE_CUSTOM_TTS_VOICES',
} as const;

/**
 * The call flags, by template property: CreateInstance takes them (InboundCallsEnabled,
 * OutboundCallsEnabled, both required), UpdateInstanceAttribute changes them later.
 */
export const CALL_ATTRIBUTES = {
  InboundCallsEnabled: 'INBOUND_CALLS',
  OutboundCallsEnabled: 'OUTBOUND_CALLS',
} as const;

/** Every instance attribute the construct manages, by template property. */
export const ALL_INSTANCE_ATTRIBUTES = { ...CALL_ATTRIBUTES, ...INSTANCE_ATTRIBUTES } as const;

/** The template property of an attribute with its construct prop: `ContactLensEnabled` ← `contactLensEnabled`. */
function attributeProperties<N extends string, R extends boolean>(
  attributes: { readonly [name in N]: string },
  required: R,
): { readonly [name in N]: { readonly prop: string; readonly rule: ValueRule<boolean>; readonly required: R } } {
  const names: readonly N[] = Object.keys(attributes).filter((name): name is N => name in attributes);
  return Object.fromEntries(names.map((name) => [name, { prop: name[0].toLowerCase() + name.slice(1), rule: BOOLEAN, required }])) as {
    readonly [name in N]: { readonly prop: string; readonly rule: ValueRule<boolean>; readonly required: R };
  };
}

/** Custom::ConnectInstance — Connect CreateInstance. */
export const CONNECT_INSTANCE = defineSpec({
  resourceType: 'Custom::ConnectInstance',
  construct: 'ConnectInstance',
  // Not among the documented exceptions, so Connect's default of 2 per second, burst 5 (Amazon
  // Connect Administrator Guide, "Amazon Connect service quotas", API throttling quotas).
  rateQuota: { operation: 'CreateInstance', perSecond: 2, burst: 5 },
  properties: {
    IdentityManagementType: { prop: 'identityManagement', rule: oneOf(IDENTITY_MANAGEMENT_TYPES), required: true, replaces: true },
    InstanceAlias: {
      prop: 'instanceAlias',
      replaces: true,
      // The alias names the instance's access URL (https://<alias>.my.connect.aws), so no two
      // instances share one: a replacement needs a new alias.
      uniqueName: true,
      rule: text(1, 45, {
        // The model's DirectoryAlias pattern `^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$`, rewritten
        // without its nested quantifiers (quadratic backtracking on long near-misses): the same
        // strings, runs of letters and digits joined by runs of hyphens (test/redos.test.ts).
        pattern: /^(?!d-)[\da-zA-Z]+(?:-+[\da-zA-Z]+)*$/,
        describe: '1–45 letters, digits or hyphens, not starting with "d-" and not starting or ending with a hyphen',
      }),
    },
    DirectoryId: {
      prop: 'directory',
      replaces: true,
      rule: text(12, 12, { pattern: /^d-[0-9a-f]{10}$/, describe: 'a directory id of the form "d-" followed by 10 hex digits' }),
    },
    ...attributeProperties(CALL_ATTRIBUTES, true),
    ...attributeProperties(INSTANCE_ATTRIBUTES, false),
    Tags: { prop: 'tags', rule: CONNECT_TAGS },
    ClientToken: { prop: 'clientToken', rule: CONNECT_CLIENT_TOKEN, replaces: true },
    // An existing instance to adopt instead of creating one: DescribeInstance's InstanceId
    // (1–100 characters, botocore InstanceId). Another instance is another resource.
    InstanceId: { prop: 'adoptInstance', replaces: true, rule: text(1, 100, { describe: 'an instance id of 1–100 characters' }) },
    // Only for an adopted instance: the user chose RemovalPolicy.DESTROY, so a Delete deletes the
    // instance instead of handing it back as it was found.
    DestroyAdopted: { prop: 'removalPolicy', rule: BOOLEAN },
  },
  crossCheck: (p) => {
    const problems: string[] = [];
    const type = p.IdentityManagementType;
    if (type === 'EXISTING_DIRECTORY' && p.DirectoryId === undefined) {
      problems.push('directory is required when identityManagement is EXISTING_DIRECTORY');
    }
    if (type !== undefined && type !== 'EXISTING_DIRECTORY' && p.DirectoryId !== undefined) {
      problems.push(`directory may only be given when identityManagement is EXISTING_DIRECTORY (got ${show(type)})`);
    }
    // The tags rule leaves one of Connect's 50 tags per resource to the ownership tag; an adopted
    // instance carries the adoption record too.
    const tagCount = p.Tags !== null && typeof p.Tags === 'object' ? Object.keys(p.Tags).length : 0;
    if (p.InstanceId !== undefined && tagCount > 48) {
      problems.push(`tags of an adopted instance must be at most 48 (got ${tagCount}): the handler adds its ownership tag and the adoption record`);
    }
    if (p.DestroyAdopted !== undefined && p.InstanceId === undefined) {
      problems.push('DestroyAdopted applies to an adopted instance only (adoptInstance)');
    }
    return problems;
  },
});

/** The properties of a Custom::ConnectInstance, as the handler reads them. */
export type ConnectInstanceProperties = PropertiesOf<typeof CONNECT_INSTANCE>;
