/**
 * Amazon Connect flows and their versions, faked on a {@link FakeAws}, as the API documents them:
 * versions are immutable and their numbers only grow (a number once used, deleted or not, is not
 * used again); a FlowContentSha256 other than that of the $LATEST content is refused; only CAMPAIGN
 * flows can be versioned. Which errors the service answers in these cases is not documented; the
 * fake answers InvalidRequestException (400), the documented catch-all, for all three.
 *
 * Flows are added by the tests (CfnContactFlow creates them in a real stack).
 */
import { createHash, randomUUID } from 'node:crypto';
import { AwsError, FakeAws } from './fake-aws';
import { ACCOUNT, REGION } from './fake-connect';

export interface FakeFlowVersion {
  readonly Version: number;
  readonly request: any;
  readonly FlowContentSha256: string;
  deleted: boolean;
}

export interface FakeFlow {
  readonly InstanceId: string;
  readonly Id: string;
  readonly Arn: string;
  readonly Type: string;
  Content: string;
  /** Every version ever published, deleted ones included (marked). */
  readonly versions: FakeFlowVersion[];
  /** The highest number ever used: numbers are not reused. */
  latest: number;
}

/** The checksum Connect reports for flow content (SHA-256, hex). */
export function sha256(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

export class FakeFlowVersions {
  public readonly flows = new Map<string, FakeFlow>();
  /** Versions per ListContactFlowVersions page: small, so that paging is exercised. */
  public pageSize = 2;
  /**
   * When set, a publish of content that an existing version already holds answers that version
   * instead of publishing (as the API documentation said before ContactFlowVersion existed).
   */
  public returnExistingVersionOfSameContent = false;

  constructor(aws: FakeAws) {
    aws.route('PUT', '/contact-flows/{InstanceId}/{ContactFlowId}/version', 'CreateContactFlowVersion', (req) =>
      this.publish(this.flow(req.params.InstanceId, req.params.ContactFlowId), req.body ?? {}),
    );
    aws.route('GET', '/contact-flows/{InstanceId}/{ContactFlowId}/versions', 'ListContactFlowVersions', (req) =>
      this.list(this.flow(req.params.InstanceId, req.params.ContactFlowId), req.query),
    );
    aws.route('GET', '/contact-flows/{InstanceId}/{ContactFlowId}', 'DescribeContactFlow', (req) => ({
      ContactFlow: this.describe(req.params.InstanceId, req.params.ContactFlowId),
    }));
    aws.route('DELETE', '/contact-flows/{InstanceId}/{ContactFlowId}/version/{ContactFlowVersion}', 'DeleteContactFlowVersion', (req) => {
      this.version(this.flow(req.params.InstanceId, req.params.ContactFlowId), Number(req.params.ContactFlowVersion)).deleted = true;
      return {};
    });
  }

  /** Adds a flow with the given content to an instance. */
  public addFlow(options: { instanceId?: string; type?: string; content?: string } = {}): FakeFlow {
    const InstanceId = options.instanceId ?? randomUUID();
    const Id = randomUUID();
    const flow: FakeFlow = {
      InstanceId,
      Id,
      Arn: `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${InstanceId}/contact-flow/${Id}`,
      Type: options.type ?? 'CAMPAIGN',
      Content: options.content ?? JSON.stringify({ Version: '2019-10-30', StartAction: 'end', Actions: [] }),
      versions: [],
      latest: 0,
    };
    this.flows.set(Id, flow);
    return flow;
  }

  /** Versions that exist (not deleted). */
  public live(flow: FakeFlow): FakeFlowVersion[] {
    return flow.versions.filter((v) => !v.deleted);
  }

  private publish(flow: FakeFlow, body: any) {
    if (flow.Type !== 'CAMPAIGN') {
      throw new AwsError('InvalidRequestException', `Flow type ${flow.Type} is not supported for this operation`);
    }
    const current = sha256(flow.Content);
    if (body.FlowContentSha256 !== undefined && body.FlowContentSha256 !== current) {
      throw new AwsError('InvalidRequestException', 'FlowContentSha256 does not match the $LATEST flow content');
    }
    if (this.returnExistingVersionOfSameContent) {
      const same = this.live(flow).find((v) => v.FlowContentSha256 === current);
      if (same) return { ContactFlowArn: flow.Arn, Version: same.Version };
    }
    const number = body.ContactFlowVersion ?? flow.latest + 1;
    if (!Number.isInteger(number) || number < 1) throw new AwsError('InvalidParameterException', `invalid ContactFlowVersion ${number}`);
    if (number <= flow.latest) {
      throw new AwsError('InvalidRequestException', `Version ${number} is not above the latest version ${flow.latest} of the flow`);
    }
    flow.versions.push({ Version: number, request: body, FlowContentSha256: current, deleted: false });
    flow.latest = number;
    return { ContactFlowArn: flow.Arn, Version: number };
  }

  private list(flow: FakeFlow, query: URLSearchParams) {
    const start = Number(query.get('nextToken') ?? 0);
    const size = Math.min(this.pageSize, Number(query.get('maxResults') ?? 100));
    const live = this.live(flow);
    const page = live.slice(start, start + size);
    return {
      ContactFlowVersionSummaryList: page.map((v) => ({ Arn: `${flow.Arn}:${v.Version}`, Version: v.Version, VersionDescription: v.request.Description })),
      NextToken: start + size < live.length ? String(start + size) : undefined,
    };
  }

  /** DescribeContactFlow: a flow id, a flow ARN, or a flow ARN with a version qualifier. */
  private describe(instanceId: string, contactFlowId: string) {
    const m = /^arn:.*\/contact-flow\/([^:/]+)(?::(.+))?$/.exec(contactFlowId);
    const flow = this.flow(instanceId, m ? m[1] : contactFlowId);
    const base = { Arn: flow.Arn, Id: flow.Id, Name: `flow ${flow.Id}`, Type: flow.Type, State: 'ACTIVE', Status: 'PUBLISHED' };
    const qualifier = m?.[2];
    if (qualifier === undefined) return { ...base, Content: flow.Content, FlowContentSha256: sha256(flow.Content) };
    const version = this.version(flow, Number(qualifier));
    return { ...base, Arn: `${flow.Arn}:${version.Version}`, Version: version.Version, VersionDescription: version.request.Description, FlowContentSha256: version.FlowContentSha256 };
  }

  private flow(instanceId: string, flowId: string): FakeFlow {
    const flow = this.flows.get(flowId);
    if (!flow || flow.InstanceId !== instanceId) throw new AwsError('ResourceNotFoundException', `flow ${flowId} not found in instance ${instanceId}`, 404);
    return flow;
  }

  private version(flow: FakeFlow, number: number): FakeFlowVersion {
    const version = flow.versions.find((v) => v.Version === number && !v.deleted);
    if (!version) throw new AwsError('ResourceNotFoundException', `version ${number} of flow ${flow.Id} not found`, 404);
    return version;
  }
}
