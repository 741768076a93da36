/** Custom::ConnectFlowVersion — the template interface of Connect CreateContactFlowVersion. */
import { defineSpec, integer, PropertiesOf, show, text, ValueRule } from './rules';


/**
 * The longest description a FlowVersion takes. CloudFormation documents at most 500 characters
 * for a flow version's description (AWS::Connect::ContactFlowVersion); the handler appends a
 * reference of at most {@link FLOW_VERSION_REFERENCE_ROOM} characters that marks the version as
 * the resource's own (see src/handler/resources/flow-version.ts).
 */
export const FLOW_VERSION_REFERENCE_ROOM = 50;
export const FLOW_VERSION_DESCRIPTION_MAX = 500 - FLOW_VERSION_REFERENCE_ROOM;

/** The API's range of ContactFlowVersion: the model's `ResourceVersion` is a long (min 1, no max), so 2^63 - 1. */
export const FLOW_VERSION_MAX = 9223372036854775807n;

/**
 * The range of LastModifiedTime in epoch seconds (the form the template carries and restJson1
 * sends; API-NOTES): from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z. The model's `Timestamp`
 * has no bounds and the API reference names none, but a last-modified time is a moment something
 * was changed: none lies before the epoch, the start of the scale the API counts in, and none
 * past the last second a four-digit year can write (ISO 8601, and RFC 3339's date-time, which
 * Smithy's `date-time` timestamp format follows). What the service does outside the range is
 * undocumented: the value is refused before it is sent.
 */
const LAST_MODIFIED_TIME_MIN = 0n;
const LAST_MODIFIED_TIME_MAX = 253402300799n;

/** A flow id (a UUID in practice) or a flow ARN without a version qualifier. */
const FLOW_ARN = /^arn:aws[-a-z0-9]*:connect:[-a-z0-9]+:[0-9]{12}:instance\/([-a-zA-Z0-9]+)\/contact-flow\/([-a-zA-Z0-9]+)$/;

/** The instance id and flow id in a flow ARN, or undefined for a bare flow id. */
export function parseFlowArn(value: string): { instanceId: string; flowId: string } | undefined {
  const m = FLOW_ARN.exec(value);
  return m ? { instanceId: m[1], flowId: m[2] } : undefined;
}

/** The parts of a flow version ARN. */
export interface FlowVersionArnParts {
  readonly instanceId: string;
  readonly flowId: string;
  readonly version: number;
}

/** `arn:<partition>:connect:<region>:<account>:instance/<id>/contact-flow/<id>:<version>` (documented form of a qualified flow ARN). */
const FLOW_VERSION_ARN = /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/([^/]+)\/contact-flow\/([^/:]+):(\d+)$/;

/** The instance id, flow id and version in a flow version ARN, or undefined when the value is not one. */
export function parseFlowVersionArn(arn: string): FlowVersionArnParts | undefined {
  const m = FLOW_VERSION_ARN.exec(arn);
  return m ? { instanceId: m[1], flowId: m[2], version: Number(m[3]) } : undefined;
}

/** `<flow ARN>:<version>`, whether or not the flow ARN given already carries a version qualifier. */
export function formatFlowVersionArn(flowArn: string, version: number): string {
  return `${flowArn.replace(/(\/contact-flow\/[-a-zA-Z0-9]+):[^/]*$/, '$1')}:${version}`;
}

/** The model's ContactFlowId (`ARN`) is an unconstrained string; as a URI label it may not be empty. */
const FLOW_ID_OR_ARN: ValueRule<string> = {
  kind: 'string',
  minLength: 1,
  describe: 'a flow id or a flow ARN (arn:<partition>:connect:<region>:<account>:instance/<id>/contact-flow/<id>)',
};

/** Custom::ConnectFlowVersion — Connect CreateContactFlowVersion. Versions are immutable: every change replaces. */
export const CONNECT_FLOW_VERSION = defineSpec({
  resourceType: 'Custom::ConnectFlowVersion',
  construct: 'ContactFlowVersion',
  // Not among the documented exceptions, so Connect's default of 2 per second, burst 5 (Amazon
  // Connect Administrator Guide, "Amazon Connect service quotas", API throttling quotas).
  rateQuota: { operation: 'CreateContactFlowVersion', perSecond: 2, burst: 5 },
  properties: {
    InstanceId: { prop: 'instance', rule: text(1, 100), required: true, replaces: true },
    ContactFlowId: {
      prop: 'contactFlow',
      required: true,
      replaces: true,
      rule: FLOW_ID_OR_ARN,
    },
    Description: {
      prop: 'description',
      replaces: true,
      rule: text(1, FLOW_VERSION_DESCRIPTION_MAX, {
        describe: `a string of 1–${FLOW_VERSION_DESCRIPTION_MAX} characters (the API's 500 less room for the reference the handler appends)`,
      }),
    },
    FlowContentSha256: {
      prop: 'flowContentSha256',
      replaces: true,
      rule: text(64, 64, { pattern: /^[a-zA-Z0-9]{64}$/, describe: 'a SHA-256 checksum of 64 letters or digits' }),
    },
    ContactFlowVersion: { prop: 'contactFlowVersionNumber', replaces: true, rule: integer(1n, FLOW_VERSION_MAX) },
    LastModifiedRegion: {
      prop: 'lastModifiedRegion',
      replaces: true,
      rule: text(1, 50, { pattern: /^[a-z]{2}(-[a-z]+){1,2}(-[0-9])?$/, describe: 'an AWS Region name such as "us-west-2"' }),
    },
    // Epoch seconds: the API's timestamp as the template carries it.
    LastModifiedTime: {
      prop: 'lastModifiedTime',
      replaces: true,
      rule: {
        ...integer(LAST_MODIFIED_TIME_MIN, LAST_MODIFIED_TIME_MAX),
        describe: `a time in whole seconds since 1970-01-01T00:00:00Z, from ${LAST_MODIFIED_TIME_MIN} to ${LAST_MODIFIED_TIME_MAX} (9999-12-31T23:59:59Z)`,
      },
    },
  },
  crossCheck: (p) => {
    const problems: string[] = [];
    // The API allows up to 2^63 - 1, but the JavaScript SDK carries ContactFlowVersion as a
    // double: above 2^53 - 1 it would send a neighbouring number instead.
    const version = p.ContactFlowVersion;
    if (typeof version === 'bigint' && version > BigInt(Number.MAX_SAFE_INTEGER)) {
      problems.push(
        `contactFlowVersionNumber must be at most ${Number.MAX_SAFE_INTEGER}: the API allows up to ${FLOW_VERSION_MAX}, but the AWS SDK for JavaScript sends numbers above that imprecisely (got ${version})`,
      );
    }
    const flow = typeof p.ContactFlowId === 'string' ? parseFlowArn(p.ContactFlowId) : undefined;
    if (flow && typeof p.InstanceId === 'string' && flow.instanceId !== p.InstanceId) {
      problems.push(`contactFlowId must be a flow of the given instance ${show(p.InstanceId)} (got a flow of instance ${show(flow.instanceId)})`);
    }
    return problems;
  },
});

/** The properties of a Custom::ConnectFlowVersion, as the handler reads them. */
export type FlowVersionProperties = PropertiesOf<typeof CONNECT_FLOW_VERSION>;
