/**
 * The Amazon Connect operations the handler uses, faked on a {@link FakeAws}: state in memory,
 * client tokens honoured the way the service documents them (same token, same resource).
 */
import { randomUUID } from 'node:crypto';
import { AwsError, FakeAws } from './fake-aws';

export const REGION = 'us-west-2';
export const ACCOUNT = '111122223333';

/**
 * InstanceAttributeType of the Connect API (botocore 1.44.8, connect 2017-08-08): what
 * UpdateInstanceAttribute accepts. Kept here apart from the spec, so that a wrong name in the
 * spec fails against the fake.
 */
export const INSTANCE_ATTRIBUTE_TYPES = [
  'INBOUND_CALLS',
  'OUTBOUND_CALLS',
  'CONTACTFLOW_LOGS',
  'CONTACT_LENS',
  'AUTO_RESOLVE_BEST_VOICES',
  'USE_CUSTOM_TTS_VOICES',
  'EARLY_MEDIA',
  'MULTI_PARTY_CONFERENCE',
  'AUTO_MUTE_AGENT_ON_HOLD',
  'HIGH_VOLUME_OUTBOUND',
  'ENHANCED_CONTACT_MONITORING',
  'ENHANCED_CHAT_MONITORING',
  'MULTI_PARTY_CHAT_CONFERENCE',
  'MESSAGE_STREAMING',
] as const;

export interface FakeInstance {
  readonly Id: string;
  readonly Arn: string;
  readonly request: any;
  createdAt: number;
  readonly readyAt: number;
  /** Instance attributes by InstanceAttributeType, as the last UpdateInstanceAttribute (or CreateInstance) set them. */
  attributes: Record<string, string>;
  Tags: Record<string, string>;
  deleted: boolean;
  /** When a deleted instance stops being visible to DescribeInstance (epoch ms). */
  goneAt?: number;
}

export class FakeConnect {
  /** Instances by id, deleted ones included (marked). */
  public readonly instances = new Map<string, FakeInstance>();
  /** How long a new instance stays CREATION_IN_PROGRESS: a number, or one per CreateInstance request. */
  public instanceReadyAfterMs: number | ((request: any) => number) = 0;
  /**
   * Attribute types UpdateInstanceAttribute refuses, as the service refuses USE_CUSTOM_TTS_VOICES to
   * accounts that are not allow-listed (documented; the error type is assumed).
   */
  public readonly refusedAttributes = new Set<string>();
  /** When set, new instances end in CREATION_FAILED with this reason. */
  public instanceFailureReason: string | undefined;
  /**
   * How long DescribeInstance answers ResourceNotFoundException for a new instance (reads lagging
   * behind CreateInstance; opt-in, not documented).
   */
  public instanceVisibleAfterMs = 0;
  /**
   * How long a deleted instance stays visible to DescribeInstance, as ACTIVE (opt-in; assumed from
   * the Terraform provider's delete waiter, which waits from ACTIVE until not found).
   */
  public instanceGoneAfterMs = 0;

  private readonly tokens = new Map<string, string>();

  constructor(aws: FakeAws) {
    aws.route('PUT', '/instance', 'CreateInstance', (req) => this.createInstance(req.body));
    aws.route('GET', '/instance/{InstanceId}', 'DescribeInstance', (req) => ({ Instance: this.describe(req.params.InstanceId) }));
    aws.route('DELETE', '/instance/{InstanceId}', 'DeleteInstance', (req) => {
      const instance = this.instance(req.params.InstanceId);
      if (Date.now() < instance.readyAt) {
        // Assumed: not documented; InvalidRequestException is the only client error DeleteInstance
        // models besides ResourceNotFoundException.
        throw new AwsError('InvalidRequestException', `instance ${instance.Id} is still being created`, 400);
      }
      instance.deleted = true;
      instance.goneAt = Date.now() + this.instanceGoneAfterMs;
      return {};
    });
    aws.route('POST', '/instance/{InstanceId}/attribute/{AttributeType}', 'UpdateInstanceAttribute', (req) => {
      const instance = this.instance(req.params.InstanceId);
      const type = req.params.AttributeType;
      if (!(INSTANCE_ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
        throw new AwsError('InvalidParameterException', `${type} is not an InstanceAttributeType`);
      }
      if (this.refusedAttributes.has(type)) {
        throw new AwsError('InvalidRequestException', `${type} is available to allow-listed accounts only`);
      }
      if (typeof req.body.Value !== 'string' || req.body.Value.length < 1 || req.body.Value.length > 100) {
        throw new AwsError('InvalidParameterException', 'Value must be 1-100 characters');
      }
      // Assumed: the service sets attributes of ACTIVE instances only (AWS's own CloudFormation
      // handler waits for ACTIVE before it sets them).
      if (this.status(instance) !== 'ACTIVE') throw new AwsError('InvalidRequestException', `instance ${instance.Id} is not ACTIVE`);
      instance.attributes[type] = req.body.Value;
      return {};
    });
    // Paginated, MaxResults 1–7 (botocore MaxResult7); every attribute type with its value. The
    // value of an attribute never set is assumed "false" (the API reference gives no defaults).
    aws.route('GET', '/instance/{InstanceId}/attributes', 'ListInstanceAttributes', (req) => {
      const instance = this.instance(req.params.InstanceId);
      const max = Number(req.query.get('maxResults') ?? 7);
      if (!(max >= 1 && max <= 7)) throw new AwsError('InvalidParameterException', 'MaxResults must be 1-7');
      const start = Number(req.query.get('nextToken') ?? 0);
      const page = INSTANCE_ATTRIBUTE_TYPES.slice(start, start + max);
      return {
        Attributes: page.map((type) => ({ AttributeType: type, Value: instance.attributes[type] ?? 'false' })),
        NextToken: start + max < INSTANCE_ATTRIBUTE_TYPES.length ? String(start + max) : undefined,
      };
    });
    aws.taggable((arn) => this.live().find((i) => i.Arn === arn)?.Tags);
  }

  /** Instances that exist (not deleted). */
  public live(): FakeInstance[] {
    return [...this.instances.values()].filter((i) => !i.deleted);
  }

  /** Creates an instance as CreateInstance would, for tests that need one in a given state. */
  public seed(body: any): FakeInstance {
    return this.instances.get(this.createInstance(body).Id)!;
  }

  private createInstance(body: any) {
    if (!body.IdentityManagementType) throw new AwsError('InvalidRequestException', 'IdentityManagementType is required');
    // Tokens outlive their instances: a known token answers with its instance even once deleted.
    // How long Connect remembers a token, and what it answers after a delete, is not documented;
    // this is the unkind choice (a dead id), which the handler must notice.
    const known = body.ClientToken && this.tokens.get(body.ClientToken);
    if (known) {
      const instance = this.instances.get(known)!;
      return { Id: instance.Id, Arn: instance.Arn };
    }
    const Id = randomUUID();
    const instance: FakeInstance = {
      Id,
      Arn: `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${Id}`,
      request: body,
      createdAt: Date.now(),
      readyAt: Date.now() + (typeof this.instanceReadyAfterMs === 'number' ? this.instanceReadyAfterMs : this.instanceReadyAfterMs(body)),
      attributes: { INBOUND_CALLS: String(body.InboundCallsEnabled), OUTBOUND_CALLS: String(body.OutboundCallsEnabled) },
      Tags: { ...body.Tags },
      deleted: false,
    };
    this.instances.set(Id, instance);
    if (body.ClientToken) this.tokens.set(body.ClientToken, Id);
    return { Id, Arn: instance.Arn };
  }

  private describe(id: string) {
    const seen = this.instances.get(id);
    const instance = seen?.deleted && Date.now() < seen.goneAt! ? seen : this.instance(id);
    if (Date.now() < instance.createdAt + this.instanceVisibleAfterMs) throw new AwsError('ResourceNotFoundException', `instance ${id} not found`, 404);
    const status = this.status(instance);
    return {
      Id: instance.Id,
      Arn: instance.Arn,
      IdentityManagementType: instance.request.IdentityManagementType,
      InstanceAlias: instance.request.InstanceAlias,
      // restJson1 without a timestampFormat trait: epoch seconds, as AWS sends it.
      CreatedTime: instance.createdAt / 1000,
      // One service-linked role per instance, with a suffix (Connect admin guide, service-linked roles).
      ServiceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_${instance.Id.slice(0, 8)}`,
      InstanceStatus: status,
      StatusReason: status === 'CREATION_FAILED' ? { Message: this.instanceFailureReason } : undefined,
      InboundCallsEnabled: instance.attributes.INBOUND_CALLS === 'true',
      OutboundCallsEnabled: instance.attributes.OUTBOUND_CALLS === 'true',
      Tags: instance.Tags,
    };
  }

  private status(instance: FakeInstance): 'CREATION_IN_PROGRESS' | 'CREATION_FAILED' | 'ACTIVE' {
    if (Date.now() < instance.readyAt) return 'CREATION_IN_PROGRESS';
    return this.instanceFailureReason ? 'CREATION_FAILED' : 'ACTIVE';
  }

  private instance(id: string): FakeInstance {
    const instance = this.instances.get(id);
    if (!instance || instance.deleted) throw new AwsError('ResourceNotFoundException', `instance ${id} not found`, 404);
    return instance;
  }
}
