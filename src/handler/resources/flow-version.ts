/**
 * Custom::ConnectFlowVersion — a published, immutable version of an Amazon Connect flow.
 *
 * CreateContactFlowVersion takes no client token, so "exactly once" is built here from what the
 * API does offer: an explicit version number, the expected content checksum, and read-back.
 *
 * Create:
 *  1. List the flow's versions. One whose description ends with this resource's reference (see
 *     below) was published by an earlier delivery of the same event, or by an attempt whose answer
 *     was lost: adopt it and publish nothing.
 *  2. Publish with ContactFlowVersion = the number given, or the highest listed version + 1, and
 *     the FlowContentSha256 given.
 *  3. When the publish fails — also when it failed only because the SDK resent a request the
 *     service had already carried out (connection reset) — list again and adopt the version with
 *     this resource's reference if there is one. Otherwise explain the failure: flow not found,
 *     flow not of type CAMPAIGN, checksum different from $LATEST's, or the number taken (a
 *     derived number then moves up: someone else published meanwhile).
 *
 * The reference is a deterministic function of the client token the lifecycle derives (stack id,
 * logical id and every property), appended to the description: the one thing a version carries
 * that ListContactFlowVersions returns and the caller chooses. The same event therefore finds its
 * own version; a replacement (new token) never mistakes the old version for its own.
 *
 * Documented (API reference):
 *  - versions are immutable and monotonically increasing;
 *  - a FlowContentSha256 different from that of the $LATEST published content is an error;
 *  - only flows of type CAMPAIGN can be versioned;
 *  - ListContactFlowVersions lists each version's Arn, Version and VersionDescription;
 *  - DescribeContactFlow with `<flow ARN>:<version>` describes that version, with the flow's ARN
 *    alone the published ($LATEST) content, with its Type and FlowContentSha256;
 *  - DeleteContactFlowVersion deletes one version (ResourceNotFoundException when there is none).
 * Assumed (the documentation does not say):
 *  - ContactFlowVersion is the number of the version to publish (documented only as "the
 *    identifier of the flow version"), and a number already used, or not above the latest, is
 *    refused rather than overwritten. Which error the service answers is not documented either,
 *    so no error type is relied on: every failed publish is followed by the read-back.
 *  - The description is stored as given and listed back verbatim, and a publish shows in
 *    ListContactFlowVersions once CreateContactFlowVersion has answered.
 *  - The service publishes a new version even when one of the same content exists. Earlier API
 *    documentation (before ContactFlowVersion existed) said it answered with the existing version
 *    instead; if it still does, the answer names a version other than the one requested, and the
 *    handler refuses to adopt a version it did not publish (its Delete would remove another's).
 *  - CreateContactFlowVersion's ContactFlowArn is the flow's ARN, possibly with the version as
 *    qualifier; the physical id is always `<flow ARN>:<version>`.
 */
import {
  ConnectClient,
  ContactFlowVersionSummary,
  CreateContactFlowVersionCommand,
  DeleteContactFlowVersionCommand,
  DescribeContactFlowCommand,
  ListContactFlowVersionsCommand,
} from '@aws-sdk/client-connect';
import { createHash } from 'node:crypto';
import { CONNECT_FLOW_VERSION, FLOW_VERSION_REFERENCE_ROOM, type FlowVersionProperties, formatFlowVersionArn, parseFlowArn, parseFlowVersionArn } from '../../contract';
import { cachedClient, sdkConfig } from '../aws-clients';
import { describeError, isNotFound, ResourceFailedError } from '../errors';
import type { Outcome, ResourceContext, ResourceModule } from '../resource-module';

const connect = () => cachedClient('connect', () => new ConnectClient(sdkConfig()));

/** How many numbers a derived version number may move up when others publish at the same time. */
const NUMBER_ATTEMPTS = 5;

/** The flow a resource publishes versions of. */
interface FlowTarget {
  readonly instanceId: string;
  readonly flowId: string;
}

const flowVersion: ResourceModule<typeof CONNECT_FLOW_VERSION> = {
  spec: CONNECT_FLOW_VERSION,

  async create({ properties: props, context: ctx }) {
    const flow = flowTarget(props);
    const reference = versionReference(ctx.clientToken);
    // Safe as a number: the spec's cross-check keeps it at most Number.MAX_SAFE_INTEGER.
    const requested = props.ContactFlowVersion === undefined ? undefined : Number(props.ContactFlowVersion);

    const before = await listVersions(flow).catch((error) => {
      throw isNotFound(error) ? flowNotFound(flow) : error;
    });
    const earlier = before.find((v) => isOurs(v, reference));
    if (earlier) return adopt(earlier, ctx, 'an earlier delivery of this event had published it');

    let number = requested ?? highest(before) + 1;
    for (let attempt = 1; ; attempt++) {
      let answer;
      try {
        answer = await connect().send(
          new CreateContactFlowVersionCommand({
            InstanceId: flow.instanceId,
            ContactFlowId: flow.flowId,
            ContactFlowVersion: number,
            Description: withReference(props.Description, reference),
            FlowContentSha256: props.FlowContentSha256,
            LastModifiedRegion: props.LastModifiedRegion,
            LastModifiedTime: props.LastModifiedTime === undefined ? undefined : new Date(Number(props.LastModifiedTime) * 1000),
          }),
        );
      } catch (error) {
        const after = await listVersions(flow).catch(() => {
          throw error; // the publish's error says more than that of the read-back
        });
        const published = after.find((v) => isOurs(v, reference));
        if (published) return adopt(published, ctx, 'the publish had succeeded before its answer was lost');
        await explainFailure(flow, props, error);
        if (requested !== undefined) throw numberTaken(flow, number, after, error);
        // A derived number, refused although the flow is fine: someone else published since our
        // listing, or the number belonged to a version deleted since (numbers are never reused).
        // Permissions, throttling and server errors are not about the number: no point moving up.
        if (attempt >= NUMBER_ATTEMPTS || !isClientRefusal(error)) throw error;
        number = Math.max(number, highest(after)) + 1;
        ctx.log.info('version number taken, trying the next one', { attempt });
        continue;
      }

      if (answer.Version === undefined || !answer.ContactFlowArn) {
        throw new Error('CreateContactFlowVersion answered without a ContactFlowArn and Version');
      }
      if (answer.Version !== number) return notRequested(flow, answer.ContactFlowArn, answer.Version, number, reference, ctx);
      return outcome(versionArn(answer.ContactFlowArn, answer.Version), answer.Version);
    }
  },

  /**
   * Versions carry no tags (CreateContactFlowVersion takes none; documented). What stands in for
   * the ownership tag: the physical id must be a version of the very flow this resource's
   * properties name, and the handler's grants for deleting versions name only the flows of the
   * stack's FlowVersion constructs (see docs/permissions.md). A forged event can therefore at
   * worst delete a version of a flow the stack itself versions.
   */
  async owns({ properties: props, physicalResourceId: physicalId }) {
    const named = flowTarget(props);
    let version;
    try {
      version = parseVersionArn(physicalId);
    } catch {
      return false;
    }
    return version.instanceId === named.instanceId && version.flowId === named.flowId;
  },

  async update({ physicalResourceId }) {
    // Only reached when no property changed (every property replaces): nothing to do.
    return outcome(physicalResourceId, parseVersionArn(physicalResourceId).version);
  },

  async delete({ physicalResourceId }) {
    const { instanceId, flowId, version } = parseVersionArn(physicalResourceId);
    await connect().send(new DeleteContactFlowVersionCommand({ InstanceId: instanceId, ContactFlowId: flowId, ContactFlowVersion: version }));
  },
};

export default flowVersion;

/** The instance and flow ids to call the API with; ContactFlowId may be the flow's ARN. */
function flowTarget(props: FlowVersionProperties): FlowTarget {
  return { instanceId: props.InstanceId, flowId: parseFlowArn(props.ContactFlowId)?.flowId ?? props.ContactFlowId };
}

/**
 * The mark a version published by this resource carries at the end of its description: a hash of
 * the client token (the token itself is not written anywhere the service shows).
 */
function versionReference(clientToken: string): string {
  const reference = `[cdk-connect-resources ${createHash('sha256').update(`flow-version:${clientToken}`).digest('hex').slice(0, 16)}]`;
  // The constraint table keeps this much room in the API's 500 characters.
  if (reference.length + 1 > FLOW_VERSION_REFERENCE_ROOM) throw new Error('the version reference outgrew the room kept for it');
  return reference;
}

function withReference(description: string | undefined, reference: string): string {
  return description ? `${description} ${reference}` : reference;
}

function isOurs(version: ContactFlowVersionSummary, reference: string): boolean {
  return version.VersionDescription?.endsWith(reference) ?? false;
}

function highest(versions: readonly ContactFlowVersionSummary[]): number {
  return versions.reduce((max, v) => Math.max(max, v.Version ?? 0), 0);
}

async function listVersions(flow: FlowTarget): Promise<ContactFlowVersionSummary[]> {
  const versions: ContactFlowVersionSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await connect().send(
      new ListContactFlowVersionsCommand({ InstanceId: flow.instanceId, ContactFlowId: flow.flowId, MaxResults: 100, NextToken }),
    );
    versions.push(...(page.ContactFlowVersionSummaryList ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return versions;
}

function adopt(version: ContactFlowVersionSummary, ctx: ResourceContext, why: string): Outcome {
  if (!version.Arn || version.Version === undefined) throw new Error('ListContactFlowVersions answered a version without Arn and Version');
  const adopted = outcome(versionArn(version.Arn, version.Version), version.Version);
  ctx.log.info(`adopted the version this resource published: ${why}`, { physicalId: adopted.physicalResourceId });
  return adopted;
}

/**
 * Turns a failed publish into a reason the user can act on, when the flow explains it; returns
 * when it does not. The service's own error names are not documented for these cases.
 */
async function explainFailure(flow: FlowTarget, props: FlowVersionProperties, error: unknown): Promise<void> {
  let described;
  try {
    described = (await connect().send(new DescribeContactFlowCommand({ InstanceId: flow.instanceId, ContactFlowId: flow.flowId }))).ContactFlow;
  } catch (describeFailure) {
    if (isNotFound(describeFailure) || isNotFound(error)) throw flowNotFound(flow);
    return;
  }
  if (described?.Type && described.Type !== 'CAMPAIGN') {
    throw new ResourceFailedError(
      `ContactFlowId (contactFlow): flow ${flow.flowId} is of type ${described.Type}; Amazon Connect publishes versions of CAMPAIGN flows only`,
    );
  }
  const expected = props.FlowContentSha256;
  if (expected && described?.FlowContentSha256 && described.FlowContentSha256 !== expected) {
    throw new ResourceFailedError(
      `FlowContentSha256 (flowContentSha256) does not match the $LATEST published content of flow ${flow.flowId}: expected ${expected}, the flow has ${described.FlowContentSha256}. Publish the flow content you meant, or give its checksum`,
    );
  }
}

function flowNotFound(flow: FlowTarget): ResourceFailedError {
  return new ResourceFailedError(`ContactFlowId (contactFlow): flow ${flow.flowId} was not found in instance ${flow.instanceId}`);
}

/** A 400 or 409: the service refused this request (rather than the caller, or for now). */
function isClientRefusal(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return status === 400 || status === 409;
}

function numberTaken(flow: FlowTarget, number: number, versions: readonly ContactFlowVersionSummary[], error: unknown): Error {
  const latest = highest(versions);
  if (latest < number) return error instanceof Error ? error : new Error(String(error));
  return new ResourceFailedError(
    `ContactFlowVersion (contactFlowVersionNumber) ${number} cannot be published: flow ${flow.flowId} already has versions up to ${latest}, and version numbers are never reused. Give a number above ${latest}, or leave contactFlowVersionNumber out to publish the next one (${describeError(error)})`,
  );
}

/**
 * The service answered with a version other than the one requested: it handed back an existing
 * version instead of publishing. Adopt it only when it is this resource's own.
 */
async function notRequested(flow: FlowTarget, flowArn: string, version: number, requested: number, reference: string, ctx: ResourceContext): Promise<Outcome> {
  const arn = versionArn(flowArn, version);
  const { ContactFlow: existing } = await connect().send(new DescribeContactFlowCommand({ InstanceId: flow.instanceId, ContactFlowId: arn }));
  if (existing?.VersionDescription?.endsWith(reference)) return adopt({ Arn: arn, Version: version }, ctx, 'the service answered with it');
  throw new ResourceFailedError(
    `Amazon Connect answered with the existing version ${version} of flow ${flow.flowId} instead of publishing version ${requested} (it does so when a version of the same content exists). That version was not published by this resource, which therefore does not take it over: deleting this resource would delete it. Change the flow's content, or reference version ${version} directly`,
  );
}

function outcome(physicalResourceId: string, version: number): Outcome {
  return { physicalResourceId, data: { Version: String(version) } };
}

/** `<flow ARN>:<version>`, whether or not the ARN the service gave already carries the qualifier. */
function versionArn(arn: string, version: number): string {
  return formatFlowVersionArn(arn, version);
}

/** The parts of a flow version ARN (the physical id). */
function parseVersionArn(arn: string): FlowTarget & { version: number } {
  const parsed = parseFlowVersionArn(arn);
  if (!parsed) throw new Error(`${arn} is not a flow version ARN (arn:…:instance/<id>/contact-flow/<id>:<version>)`);
  return parsed;
}
