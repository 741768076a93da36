/**
 * Custom::ConnectInstance — an Amazon Connect instance.
 *
 * Create: CreateInstance with the client token, then DescribeInstance until ACTIVE.
 *   Documented: CreateInstance takes an idempotency ClientToken; an instance passes through
 *   CREATION_IN_PROGRESS to ACTIVE or CREATION_FAILED (with StatusReason).
 *   Assumed: a repeated CreateInstance with the same token answers with the same instance id.
 *   Once ACTIVE, every instance attribute given beyond the call flags is set with
 *   UpdateInstanceAttribute (documented: the attribute types of InstanceAttributeType; AWS's own
 *   AWS::Connect::Instance handler does the same after ACTIVE, see
 *   aws-cloudformation-resource-providers-connect instance/CreateHandler.java). Setting an
 *   attribute to a value is idempotent, so a continuation may repeat it.
 * Update in place: the attributes that changed (one UpdateInstanceAttribute each) and tags. An
 *   attribute removed from the template is left as it is: the construct does not know the
 *   service's default to go back to.
 * Delete: DeleteInstance.
 *
 * Data (Fn::GetAtt): Id, Arn, CreatedTime, InstanceStatus, ServiceRole from DescribeInstance, the
 * return values of AWS::Connect::Instance.
 */
import {
  ConnectClient,
  CreateInstanceCommand,
  DeleteInstanceCommand,
  DescribeInstanceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  Instance,
  InstanceAttributeType,
  UpdateInstanceAttributeCommand,
} from '@aws-sdk/client-connect';
import { ALL_INSTANCE_ATTRIBUTES, CONNECT_INSTANCE, INSTANCE_ATTRIBUTES } from '../../spec';
import { cachedClient, sdkConfig } from '../aws-clients';
import { describeError, isThrottling, ResourceFailedError } from '../errors';
import type { Outcome, Properties, ResourceModule } from '../resource-module';
import { tagChanges } from './tags';

const connect = () => cachedClient('connect', () => new ConnectClient(sdkConfig()));

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
    return { physicalResourceId: created.Id, data: { Id: created.Id, Arn: created.Arn } };
  },

  async stabilize(props, created) {
    const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: created.physicalResourceId }));
    switch (instance?.InstanceStatus) {
      case 'ACTIVE': {
        // UpdateInstanceAttribute needs an ACTIVE instance: only now can the attributes be set.
        const given = Object.keys(INSTANCE_ATTRIBUTES).filter((name) => props[name] !== undefined);
        await setAttributes(created.physicalResourceId, given, props);
        return outcome(instance);
      }
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
    await setAttributes(instanceId, changedAttributes(props, oldProps), props);
    const tags = tagChanges(oldProps.Tags, props.Tags);
    if (tags.removed.length > 0) {
      await connect().send(new UntagResourceCommand({ resourceArn: instance.Arn, tagKeys: tags.removed }));
    }
    if (Object.keys(tags.set).length > 0) {
      await connect().send(new TagResourceCommand({ resourceArn: instance.Arn, tags: tags.set }));
    }
    return outcome(instance);
  },

  async delete(_props, instanceId) {
    await connect().send(new DeleteInstanceCommand({ InstanceId: instanceId }));
  },
};

/**
 * The attributes (template names) whose new value differs from the old one. An attribute left
 * out of the new properties is not among them: nothing would say what to set it to.
 */
function changedAttributes(props: Properties, oldProps: Properties): string[] {
  return Object.keys(ALL_INSTANCE_ATTRIBUTES).filter((name) => props[name] !== undefined && props[name] !== oldProps[name]);
}

/** Sets the given attributes (template names) to their values in `props`, one call each. */
async function setAttributes(instanceId: string, names: readonly string[], props: Properties): Promise<void> {
  for (const name of names) {
    const attributeType: string = ALL_INSTANCE_ATTRIBUTES[name as keyof typeof ALL_INSTANCE_ATTRIBUTES];
    try {
      await connect().send(
        new UpdateInstanceAttributeCommand({
          InstanceId: instanceId,
          // The pinned client's InstanceAttributeType predates AUTO_MUTE_AGENT_ON_HOLD (botocore
          // 1.44.8 has it); the SDK sends the path label as given, it validates nothing.
          AttributeType: attributeType as InstanceAttributeType,
          // "true" / "false": Value is 1–100 characters (documented: UpdateInstanceAttribute).
          Value: String(props[name]),
        }),
      );
    } catch (error) {
      // Throttling stays as it is, so that the lifecycle tries again.
      if (isThrottling(error)) throw error;
      throw new ResourceFailedError(`setting ${attributeType} (${name}) of instance ${instanceId} failed: ${describeError(error)}`, instanceId);
    }
  }
}

/**
 * The resource's attributes, AWS::Connect::Instance's return values. CreatedTime becomes ISO-8601
 * text in UTC: AWS's own handler gives `Instant.toString()` of the SDK's timestamp (see
 * aws-cloudformation-resource-providers-connect instance/CreateHandler.java), which leaves out a
 * zero fraction of a second; toISOString() always has milliseconds, so a zero fraction is dropped.
 */
function outcome(instance: Instance): Outcome {
  if (!instance.Id || !instance.Arn) throw new Error('DescribeInstance answered without the instance Id and Arn');
  const data: Record<string, string> = { Id: instance.Id, Arn: instance.Arn };
  if (instance.CreatedTime) data.CreatedTime = instance.CreatedTime.toISOString().replace(/\.000Z$/, 'Z');
  if (instance.InstanceStatus) data.InstanceStatus = instance.InstanceStatus;
  if (instance.ServiceRole) data.ServiceRole = instance.ServiceRole;
  return { physicalResourceId: instance.Id, data };
}

export default connectInstance;
