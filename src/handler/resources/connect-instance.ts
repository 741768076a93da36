/**
 * Custom::ConnectInstance — an Amazon Connect instance.
 *
 * Create: CreateInstance with the client token, then DescribeInstance until ACTIVE.
 *   Documented: CreateInstance takes an idempotency ClientToken; an instance passes through
 *   CREATION_IN_PROGRESS to ACTIVE or CREATION_FAILED (with StatusReason).
 *   Assumed: a repeated CreateInstance with the same token answers with the same instance id.
 * Update in place: the inbound/outbound call flags (UpdateInstanceAttribute) and tags.
 * Delete: DeleteInstance.
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
import type { Outcome, ResourceModule } from '../resource-module';
import { updateTags } from './tags';

const connect = () => cachedClient('connect', () => new ConnectClient(sdkConfig()));

/** The instance attributes behind the call flags (UpdateInstanceAttribute's AttributeType). */
const FLAG_ATTRIBUTES = [
  ['InboundCallsEnabled', 'INBOUND_CALLS'],
  ['OutboundCallsEnabled', 'OUTBOUND_CALLS'],
] as const;

const connectInstance: ResourceModule<typeof CONNECT_INSTANCE> = {
  spec: CONNECT_INSTANCE,

  async create({ properties: p, context }) {
    const created = await connect().send(
      new CreateInstanceCommand({
        ClientToken: context.clientToken,
        IdentityManagementType: p.IdentityManagementType,
        InstanceAlias: p.InstanceAlias,
        DirectoryId: p.DirectoryId,
        InboundCallsEnabled: p.InboundCallsEnabled,
        OutboundCallsEnabled: p.OutboundCallsEnabled,
        Tags: p.Tags,
      }),
    );
    if (!created.Id || !created.Arn) throw new Error('CreateInstance answered without an instance Id and Arn');
    return outcome(created.Id, created.Arn);
  },

  async stabilize(_request, created) {
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

  async update({ properties: props, oldProperties: oldProps, physicalResourceId: instanceId }) {
    const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: instanceId }));
    if (!instance?.Arn) throw new Error(`DescribeInstance answered without the Arn of ${instanceId}`);
    for (const [property, attributeType] of FLAG_ATTRIBUTES) {
      if (props[property] === oldProps[property]) continue;
      await connect().send(
        new UpdateInstanceAttributeCommand({ InstanceId: instanceId, AttributeType: attributeType, Value: String(props[property]) }),
      );
    }
    const resourceArn = instance.Arn;
    await updateTags(oldProps.Tags, props.Tags, {
      untag: (tagKeys) => connect().send(new UntagResourceCommand({ resourceArn, tagKeys })),
      tag: (tags) => connect().send(new TagResourceCommand({ resourceArn, tags })),
    });
    return outcome(instanceId, instance.Arn);
  },

  async delete({ physicalResourceId }) {
    await connect().send(new DeleteInstanceCommand({ InstanceId: physicalResourceId }));
  },
};

function outcome(id: string, arn: string): Outcome {
  return { physicalResourceId: id, data: { Id: id, Arn: arn } };
}

export default connectInstance;
