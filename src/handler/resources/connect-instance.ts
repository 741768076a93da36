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
 * Adoption (InstanceId given): Create takes an existing instance instead of creating one. See
 *   {@link adopt} and {@link release}; the rest of the lifecycle treats it as any instance.
 *
 * Data (Fn::GetAtt): Id, Arn, CreatedTime, InstanceStatus, ServiceRole from DescribeInstance, the
 * return values of AWS::Connect::Instance.
 * Ownership: the ownership tag, set by CreateInstance's Tags (or, for an adopted instance, by
 * TagResource) and read back with DescribeInstance.
 */
import {
  ConnectClient,
  CreateInstanceCommand,
  DeleteInstanceCommand,
  DescribeInstanceCommand,
  ListInstanceAttributesCommand,
  TagResourceCommand,
  UntagResourceCommand,
  Instance,
  InstanceAttributeType,
  UpdateInstanceAttributeCommand,
} from '@aws-sdk/client-connect';
import {
  ADOPTION_TAG_KEY,
  ALL_INSTANCE_ATTRIBUTES,
  CONNECT_INSTANCE,
  type ConnectInstanceProperties,
  INSTANCE_ATTRIBUTES,
  OWNER_TAG_KEY,
  type TagMap,
} from '../../contract';
import { cachedClient, sdkConfig } from '../aws-clients';
import { describeError, isNotFound, isRetryable, ResourceFailedError } from '../errors';
import type { CfnEvent } from '../cfn-response';
import { carriesOwnerTag, ownerTagValue } from '../ownership';
import type { Outcome, ResourceModule } from '../resource-module';
import { updateTags } from './tags';

const connect = () => cachedClient('connect', () => new ConnectClient(sdkConfig()));

const connectInstance: ResourceModule<typeof CONNECT_INSTANCE> = {
  spec: CONNECT_INSTANCE,

  async create({ properties: p, context }) {
    if (p.InstanceId !== undefined) return adopt(p.InstanceId, p, context.event);
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
        // An adopted instance gets those its adoption record says differ (the call flags too:
        // no CreateInstance set them).
        const given =
          props.InstanceId === undefined
            ? attributeNames(INSTANCE_ATTRIBUTES).filter((name) => props[name] !== undefined)
            : [...readRecord(created.data[ADOPTION_TAG_KEY] ?? instance.Tags?.[ADOPTION_TAG_KEY], props).attributes.keys()];
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

  async delete({ physicalResourceId, properties: props }) {
    if (handedBack(props)) return release(physicalResourceId, props);
    await connect().send(new DeleteInstanceCommand({ InstanceId: physicalResourceId }));
  },

  // An adopted instance that is handed back rather than deleted is gone from the stack once it no
  // longer carries this stack's ownership tag (release removes it last).
  async presence({ physicalResourceId: instanceId, properties: props, context }) {
    try {
      const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: instanceId }));
      if (handedBack(props)) return carriesOwnerTag(instance?.Tags, context.event) ? 'present' : 'gone';
      return instance?.InstanceStatus === 'CREATION_IN_PROGRESS' ? 'settling' : 'present';
    } catch (error) {
      if (isNotFound(error)) return 'gone';
      throw error;
    }
  },
};

/**
 * Adopts an existing instance (Create with InstanceId), changing nothing until every check passed:
 * DescribeInstance says it exists and is ACTIVE, with the identity management type and alias the
 * properties give, and carries no other stack's ownership tag. ListInstanceAttributes then gives
 * the current attribute values, and ONE TagResource adds the ownership tag, the tags the
 * properties give and the adoption record (what was there before); the attributes that differ
 * are set by stabilize once this has answered, one UpdateInstanceAttribute each.
 *
 * Documented (Amazon Connect API Reference, https://docs.aws.amazon.com/connect/latest/APIReference/):
 * DescribeInstance (API_DescribeInstance.html) returns IdentityManagementType, InstanceAlias,
 * InstanceStatus and Tags, and ResourceNotFoundException for an unknown id; ListInstanceAttributes
 * (API_ListInstanceAttributes.html) returns every attribute type with its value, paginated
 * (MaxResults 1–7); TagResource (API_TagResource.html) adds the given tags (1–50, values of at most
 * 256 characters), overwriting a key already there and leaving the others; UntagResource
 * (API_UntagResource.html) removes the given keys; UpdateInstanceAttribute
 * (API_UpdateInstanceAttribute.html) sets one attribute type to a value. DescribeInstance does not
 * return an instance's directory: `directoryId` is not checked.
 * Assumed: an attribute value ListInstanceAttributes returns is "true" or "false" for the on/off
 * types managed here (the model types it as a string of 1–100 characters); an attribute it does
 * not list, or lists with another value, is set all the same, and a hand-back leaves it as set.
 *
 * A Create delivered again (a Lambda retry) finds the instance carrying this resource's own
 * ownership tag: the first delivery's record is on the instance, and nothing is tagged again. So
 * does the rollback Delete of a Create whose TagResource went unanswered (the lifecycle repeats
 * create to find what it made); there, an instance without that tag was not adopted and is left
 * untouched.
 */
async function adopt(instanceId: string, p: ConnectInstanceProperties, event: CfnEvent): Promise<Outcome> {
  const { Instance: instance } = await connect()
    .send(new DescribeInstanceCommand({ InstanceId: instanceId }))
    .catch((error: unknown) => {
      if (isNotFound(error)) throw new Error(`there is no instance ${instanceId} to adopt in this account and region (DescribeInstance: ${describeError(error)}); nothing was changed`);
      throw error;
    });
  if (!instance?.Arn) throw new Error(`DescribeInstance answered without the Arn of ${instanceId}`);
  const problems: string[] = [];
  if (instance.InstanceStatus !== 'ACTIVE') problems.push(`its status is ${instance.InstanceStatus}, not ACTIVE`);
  if (instance.IdentityManagementType !== p.IdentityManagementType) {
    problems.push(`its identity management type is ${instance.IdentityManagementType}, not ${p.IdentityManagementType} (identityManagement)`);
  }
  if (p.InstanceAlias !== undefined && instance.InstanceAlias !== p.InstanceAlias) {
    problems.push(`its alias is "${instance.InstanceAlias}", not "${p.InstanceAlias}" (instanceAlias)`);
  }
  const owner = instance.Tags?.[OWNER_TAG_KEY];
  const ours = ownerTagValue(event);
  if (owner !== undefined && owner !== ours) {
    const [stack, logicalId] = owner.split(/\/(.*)/s);
    problems.push(`it belongs to another stack: its ${OWNER_TAG_KEY} tag is "${owner}" (the stack whose id ends in ${stack}, resource ${logicalId ?? '?'})`);
  }
  if (problems.length > 0) throw new Error(`instance ${instanceId} cannot be adopted: ${problems.join('; ')}; nothing was changed`);
  if (owner === ours) return outcome(instance);
  // A Delete asks create to find what a failed Create may have made (lifecycle.ts, unsettledCreate):
  // an adoption made something only if the instance carries this resource's ownership tag. Adopting
  // now would only be undone again, or, with DestroyAdopted, delete an instance never adopted.
  if (event.RequestType === 'Delete') throw new Error(`instance ${instanceId} does not carry this resource's ownership tag: the failed Create did not adopt it`);

  const current = await instanceAttributes(instanceId);
  const tags: TagMap = p.Tags ?? {};
  const record = writeRecord(current, p, instance.Tags ?? {});
  // One call: adopted (the ownership tag) and recorded together, or neither.
  await connect().send(new TagResourceCommand({ resourceArn: instance.Arn, tags: { ...tags, [ADOPTION_TAG_KEY]: record } }));
  // The record goes to stabilize with the outcome (and with a hand-over), not through a read of
  // the tags just written: that reads see a write at once is not documented. Stabilize's outcome,
  // the one answered, does not carry it.
  const adopted = outcome(instance);
  return { ...adopted, data: { ...adopted.data, [ADOPTION_TAG_KEY]: record } };
}

/**
 * Hands an adopted instance back as it was found: the attributes the adoption changed are set
 * back to their recorded values, then one UntagResource removes the tags it added, the adoption record and
 * the ownership tag — last, so that an interrupted release can be repeated (the lifecycle acts
 * only on what carries the tag). Tags whose value the adoption changed keep the new value: the
 * record has no room for the old one (a tag value holds 256 characters).
 */
async function release(instanceId: string, props: ConnectInstanceProperties): Promise<void> {
  const { Instance: instance } = await connect().send(new DescribeInstanceCommand({ InstanceId: instanceId }));
  if (!instance?.Arn) throw new Error(`DescribeInstance answered without the Arn of ${instanceId}`);
  const record = readRecord(instance.Tags?.[ADOPTION_TAG_KEY], props);
  // Only those that now differ from their recorded value: an adoption that failed half-way (the
  // service refused one attribute) changed some of them only.
  const current = await instanceAttributes(instanceId);
  const changed = [...record.attributes].filter(([name, before]) => before !== undefined && current.get(ALL_INSTANCE_ATTRIBUTES[name]) !== String(before));
  await setAttributes(instanceId, changed.map(([name]) => name), { ...props, ...(Object.fromEntries(changed) as Partial<ConnectInstanceProperties>) });
  await connect().send(new UntagResourceCommand({ resourceArn: instance.Arn, tagKeys: [...record.addedTags, ADOPTION_TAG_KEY, OWNER_TAG_KEY] }));
}

/** Whether a Delete hands the instance back instead of deleting it: an adopted one, unless DESTROY was chosen. */
function handedBack(props: ConnectInstanceProperties): boolean {
  return props.InstanceId !== undefined && props.DestroyAdopted !== true;
}

/** Every attribute of the instance, by type, with its value (ListInstanceAttributes, all pages). */
async function instanceAttributes(instanceId: string): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await connect().send(new ListInstanceAttributesCommand({ InstanceId: instanceId, MaxResults: 7, NextToken }));
    for (const a of page.Attributes ?? []) if (a.AttributeType && a.Value !== undefined) values.set(a.AttributeType, a.Value);
    NextToken = page.NextToken;
  } while (NextToken);
  return values;
}

/**
 * The adoption record, a tag value (at most 256 characters, documented TagValue): one character
 * per attribute of {@link ALL_INSTANCE_ATTRIBUTES} in its order — "t" or "f" for the value it had
 * before the adoption changed it, "?" for one changed from a value that was not true or false (or
 * not listed), "." for one left as it was — then "/", then one character per
 * tag of the properties in key order: "+" added by the adoption, "." already there with that
 * value, "~" there with another value. At most 14 + 1 + 49 characters.
 */
function writeRecord(current: ReadonlyMap<string, string>, p: ConnectInstanceProperties, existingTags: Readonly<Record<string, string | undefined>>): string {
  const attributes = attributeNames(ALL_INSTANCE_ATTRIBUTES)
    .map((name) => {
      const before = current.get(ALL_INSTANCE_ATTRIBUTES[name]);
      if (p[name] === undefined || before === String(p[name])) return '.';
      return before === 'true' ? 't' : before === 'false' ? 'f' : '?';
    })
    .join('');
  const given = p.Tags ?? {};
  const tags = Object.keys(given)
    .filter((key) => key !== OWNER_TAG_KEY)
    .sort()
    .map((key) => (existingTags[key] === undefined ? '+' : existingTags[key] === given[key] ? '.' : '~'))
    .join('');
  return `${attributes}/${tags}`;
}

/**
 * What an adoption record says: the attributes it changed with their previous values (undefined
 * where not known), and the tag keys it added. A record that does not fit the properties (none, or another tag count) yields
 * no tag keys, so that nothing the adoption did not add is removed.
 */
function readRecord(record: string | undefined, props: ConnectInstanceProperties): { attributes: Map<AttributeName, boolean | undefined>; addedTags: string[] } {
  const [attributeMarks = '', tagMarks = ''] = (record ?? '').split('/');
  const attributes = new Map<AttributeName, boolean | undefined>();
  const previous: Record<string, boolean | undefined> = { t: true, f: false, '?': undefined };
  attributeNames(ALL_INSTANCE_ATTRIBUTES).forEach((name, i) => {
    if (attributeMarks[i] in previous) attributes.set(name, previous[attributeMarks[i]]);
  });
  const keys = Object.keys(props.Tags ?? {}).filter((key) => key !== OWNER_TAG_KEY).sort();
  const addedTags = keys.length === tagMarks.length ? keys.filter((_, i) => tagMarks[i] === '+') : [];
  return { attributes, addedTags };
}

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
