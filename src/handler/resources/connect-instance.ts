/**
 * Custom::ConnectInstance — an Amazon Connect instance.
 *
 * Create: CreateInstance with the client token, then DescribeInstance until ACTIVE.
 *   Documented: CreateInstance takes an idempotency ClientToken; an instance passes through
 *   CREATION_IN_PROGRESS to ACTIVE or CREATION_FAILED (with StatusReason).
 *   Assumed: a repeated CreateInstance with the same token answers with the same instance id.
 * Update in place: the inbound/outbound call flags (UpdateInstanceAttribute) and tags.
 *   Not documented: whether DescribeInstance may answer ResourceNotFoundException for a while
 *   after CreateInstance returned an id. The lifecycle tolerates a bounded run of them
 *   (NOT_FOUND_CHECKS), as the Terraform AWS provider's waiter does.
 * Delete: once the instance has settled, DeleteInstance; then DescribeInstance until it answers
 *   ResourceNotFoundException, and only then SUCCESS, so that what the instance uses (an existing
 *   directory, a KMS key), deleted by CloudFormation after it, is not removed first.
 *   Documented: the statuses are CREATION_IN_PROGRESS, ACTIVE and CREATION_FAILED, with no
 *   deletion status (botocore InstanceStatus); DeleteInstance's errors are ResourceNotFound,
 *   InvalidRequest and InternalService.
 *   Assumed: an instance still CREATION_IN_PROGRESS cannot be deleted (InvalidRequestException),
 *   and a deleted instance stays visible (ACTIVE) for a while — Terraform's delete waiter, which
 *   waits from ACTIVE until not found, implies so.
 */
import {
  ConnectClient,
  CreateInstanceCommand,
  DeleteInstanceCommand,
  DescribeInstanceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateInstanceAttributeCommand,
} from '@aws-sdk/client-connect';
import { CONNECT_INSTANCE } from '../../spec';
import { cachedClient, sdkConfig } from '../aws-clients';
import { isNotFound, ResourceFailedError } from '../errors';
import type { Outcome, ResourceModule } from '../resource-module';
import { tagChanges } from './tags';

const connect = () => cachedClient('connect', () => new ConnectClient(sdkConfig()));

const FLAG_ATTRIBUTES = { InboundCallsEnabled: 'INBOUND_CALLS', OutboundCallsEnabled: 'OUTBOUND_CALLS' } as const;

const connectInstance: ResourceModule = {
  spec: CONNECT_INSTANCE,

  async create(props, ctx) {
    const created = await connect().send(
      new CreateInstanceCommand({
        ClientToken: ctx.clientToken,
        IdentityManagementType: props.IdentityManagementType as 'SAML' | 'CONNECT_MANAGED' | 'EXISTING_DIRECTORY',
        InstanceAlias: props.InstanceAlias as string | undefined,
        DirectoryId: props.DirectoryId as string | undefined,
        InboundCallsEnabled: props.InboundCallsEnabled as boolean,
        OutboundCallsEnabled: props.OutboundCallsEnabled as boolean,
        Tags: props.Tags as Record<string, string> | undefined,
      }),
    );
    if (!created.Id || !created.Arn) throw new Error('CreateInstance answered without an instance Id and Arn');
    return outcome(created.Id, created.Arn);
  },

  async stabilize(_props, created) {
    const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: created.physicalResourceId }));
    switch (instance?.InstanceStatus) {
      case 'ACTIVE':
        return created;
      case 'CREATION_FAILED':
        throw new ResourceFailedError(
          `instance ${created.physicalResourceId} failed to create: ${instance.StatusReason?.Message ?? 'the service gave no reason'}`,
          created.physicalResourceId,
        );
      default:
        return undefined;
    }
  },

  async update(props, oldProps, instanceId) {
    const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: instanceId }));
    if (!instance?.Arn) throw new Error(`DescribeInstance answered without the Arn of ${instanceId}`);
    for (const [property, attributeType] of Object.entries(FLAG_ATTRIBUTES)) {
      if (props[property] === oldProps[property]) continue;
      await connect().send(
        new UpdateInstanceAttributeCommand({ InstanceId: instanceId, AttributeType: attributeType, Value: String(props[property]) }),
      );
    }
    const tags = tagChanges(oldProps.Tags, props.Tags);
    if (tags.removed.length > 0) {
      await connect().send(new UntagResourceCommand({ resourceArn: instance.Arn, tagKeys: tags.removed }));
    }
    if (Object.keys(tags.set).length > 0) {
      await connect().send(new TagResourceCommand({ resourceArn: instance.Arn, tags: tags.set }));
    }
    return outcome(instanceId, instance.Arn);
  },

  async delete(_props, instanceId) {
    await connect().send(new DeleteInstanceCommand({ InstanceId: instanceId }));
  },

  async presence(_props, instanceId) {
    try {
      const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: instanceId }));
      return instance?.InstanceStatus === 'CREATION_IN_PROGRESS' ? 'settling' : 'present';
    } catch (error) {
      if (isNotFound(error)) return 'gone';
      throw error;
    }
  },
};

function outcome(id: string, arn: string): Outcome {
  return { physicalResourceId: id, data: { Id: id, Arn: arn } };
}

export default connectInstance;
