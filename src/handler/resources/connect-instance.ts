/**
 * Custom::ConnectInstance — an Amazon Connect instance.
 *
 * Create: CreateInstance with the client token, then DescribeInstance until ACTIVE.
 *   Documented: CreateInstance takes an idempotency ClientToken; an instance passes through
 *   CREATION_IN_PROGRESS to ACTIVE or CREATION_FAILED (with StatusReason).
 *   Assumed: a repeated CreateInstance with the same token answers with the same instance id.
 * Update in place: the inbound/outbound call flags (UpdateInstanceAttribute) and tags.
 * Delete: DeleteInstance.
 * Ownership: the ownership tag, set by CreateInstance's Tags and read back with DescribeInstance.
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
import { ResourceFailedError } from '../errors';
import { carriesOwnerTag } from '../ownership';
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

  // Documented: DescribeInstance returns the instance's Tags.
  async owns(_props, instanceId, ctx) {
    const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: instanceId }));
    return carriesOwnerTag(instance?.Tags, ctx.event);
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
};

function outcome(id: string, arn: string): Outcome {
  return { physicalResourceId: id, data: { Id: id, Arn: arn } };
}

export default connectInstance;
