/** Custom::ConnectInstance — the template interface of Connect CreateInstance. */
import { BOOLEAN, CONNECT_CLIENT_TOKEN, CONNECT_TAGS, oneOf, ResourceSpec, show, text } from './rules';


/** IdentityManagementType values of CreateInstance. */
export const IDENTITY_MANAGEMENT_TYPES = ['SAML', 'CONNECT_MANAGED', 'EXISTING_DIRECTORY'] as const;

/** Custom::ConnectInstance — Connect CreateInstance. */
export const CONNECT_INSTANCE: ResourceSpec = {
  resourceType: 'Custom::ConnectInstance',
  construct: 'ConnectInstance',
  properties: {
    IdentityManagementType: { prop: 'identityManagementType', rule: oneOf(IDENTITY_MANAGEMENT_TYPES), required: true, replaces: true },
    InstanceAlias: {
      prop: 'instanceAlias',
      replaces: true,
      rule: text(1, 45, {
        // The model's DirectoryAlias pattern `^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$`, rewritten
        // without its nested quantifiers (quadratic backtracking on long near-misses): the same
        // strings, runs of letters and digits joined by runs of hyphens (test/redos.test.ts).
        pattern: /^(?!d-)[\da-zA-Z]+(?:-+[\da-zA-Z]+)*$/,
        describe: '1–45 letters, digits or hyphens, not starting with "d-" and not starting or ending with a hyphen',
      }),
    },
    DirectoryId: {
      prop: 'directoryId',
      replaces: true,
      rule: text(12, 12, { pattern: /^d-[0-9a-f]{10}$/, describe: 'a directory id of the form "d-" followed by 10 hex digits' }),
    },
    InboundCallsEnabled: { prop: 'inboundCallsEnabled', rule: BOOLEAN, required: true },
    OutboundCallsEnabled: { prop: 'outboundCallsEnabled', rule: BOOLEAN, required: true },
    Tags: { prop: 'tags', rule: CONNECT_TAGS },
    ClientToken: { prop: 'clientToken', rule: CONNECT_CLIENT_TOKEN, replaces: true },
  },
  crossCheck: (p) => {
    const problems: string[] = [];
    const type = p.IdentityManagementType;
    if (type === 'EXISTING_DIRECTORY' && p.DirectoryId === undefined) {
      problems.push('directoryId is required when identityManagementType is EXISTING_DIRECTORY');
    }
    if (type !== undefined && type !== 'EXISTING_DIRECTORY' && p.DirectoryId !== undefined) {
      problems.push(`directoryId may only be given when identityManagementType is EXISTING_DIRECTORY (got ${show(type)})`);
    }
    return problems;
  },
};
