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
 *
 * Data (Fn::GetAtt): Id, Arn, CreatedTime, InstanceStatus, ServiceRole from DescribeInstance, the
 * return values of AWS::Connect::Instance.
 * Ownership: the ownership tag, set by CreateInstance's Tags and read back with DescribeInstance.
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
import { ALL_INSTANCE_ATTRIBUTES, CONNECT_INSTANCE, type ConnectInstanceProperties, INSTANCE_ATTRIBUTES } from '../../contract';
import { cachedClient, sdkConfig } from '../aws-clients';
import { describeError, isNotFound, isRetryable, ResourceFailedError } from '../errors';
import { carriesOwnerTag } from '../ownership';
import type { Outcome, ResourceModule } from '../resource-module';
import { updateTags } from './tags';

const connect = () => cachedClient('connect', () => new ConnectClient(sdkConfig()));

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
    return { physicalResourceId: created.Id, data: { Id: created.Id, Arn: created.Arn } };
  },

  async stabilize({ properties: props }, created) {
    const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: created.physicalResourceId }));
    switch (instance?.InstanceStatus) {
      case 'ACTIVE': {
        // UpdateInstanceAttribute needs an ACTIVE instance: only now can the attributes be set.
        const given = attributeNames(INSTANCE_ATTRIBUTES).filter((name) => props[name] !== undefined);
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

  // Documented: DescribeInstance returns the instance's Tags.
  async owns({ physicalResourceId: instanceId, context }) {
    const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: instanceId }));
    return carriesOwnerTag(instance?.Tags, context.event);
  },

  async update({ properties: props, oldProperties: oldProps, physicalResourceId: instanceId }) {
    const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: instanceId }));
    if (!instance?.Arn) throw new Error(`DescribeInstance answered without the Arn of ${instanceId}`);
    await setAttributes(instanceId, changedAttributes(props, oldProps), props);
    const resourceArn = instance.Arn;
    await updateTags(oldProps.Tags, props.Tags, {
      untag: (tagKeys) => connect().send(new UntagResourceCommand({ resourceArn, tagKeys })),
      tag: (tags) => connect().send(new TagResourceCommand({ resourceArn, tags })),
    });
    return outcome(instance);
  },

  async delete({ physicalResourceId }) {
    await connect().send(new DeleteInstanceCommand({ InstanceId: physicalResourceId }));
  },

  async presence({ physicalResourceId: instanceId }) {
    try {
      const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: instanceId }));
      return instance?.InstanceStatus === 'CREATION_IN_PROGRESS' ? 'settling' : 'present';
    } catch (error) {
      if (isNotFound(error)) return 'gone';
      throw error;
    }
  },
};

/**
 * The attributes (template names) whose new value differs from the old one. An attribute left
 * out of the new properties is not among them: nothing would say what to set it to.
 */
type AttributeName = keyof typeof ALL_INSTANCE_ATTRIBUTES;

/** The template names of the given attribute table. */
function attributeNames<N extends AttributeName>(attributes: { readonly [name in N]: string }): N[] {
  return Object.keys(attributes).filter((name): name is N => name in attributes);
}

function changedAttributes(props: ConnectInstanceProperties, oldProps: ConnectInstanceProperties): AttributeName[] {
  return attributeNames(ALL_INSTANCE_ATTRIBUTES).filter((name) => props[name] !== undefined && props[name] !== oldProps[name]);
}

/** Sets the given attributes (template names) to their values in `props`, one call each. */
async function setAttributes(instanceId: string, names: readonly AttributeName[], props: ConnectInstanceProperties): Promise<void> {
  for (const name of names) {
    const attributeType: string = ALL_INSTANCE_ATTRIBUTES[name];
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
      // Throttling and transient faults stay as they are, so that the lifecycle tries again.
      if (isRetryable(error)) throw error;
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
