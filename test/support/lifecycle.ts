/**
 * The scaffolding every lifecycle test shares: deliveries recorded for the log checks, a Create
 * that must succeed, and the checks that the logs name the resource and hold no secrets.
 */
import { CloudFormation, Delivery, RESPONSE_URL_SECRET } from './cloudformation';
import { FakeAws } from './fake-aws';
import { FakeCases } from './fake-cases';
import { FakeConnect } from './fake-connect';
import { FakeEvaluations } from './fake-evaluations';
import { FakeFlowVersions } from './fake-flow-versions';
import { FakePartnerCentral } from './fake-partner-central';

/** A loopback endpoint that serves every service the handler calls, for tests of all five resource types. */
export async function startEveryServiceFake(): Promise<FakeAws> {
  return (await startEveryServiceFakes()).aws;
}

/** The same endpoint, with each service's fake (to seed the resources events refer to). */
export async function startEveryServiceFakes() {
  const aws = await FakeAws.start();
  return {
    aws,
    connect: new FakeConnect(aws),
    flowVersions: new FakeFlowVersions(aws),
    evaluations: new FakeEvaluations(aws),
    cases: new FakeCases(aws),
    partnerCentral: new FakePartnerCentral(aws),
  };
}

/** Delivers events of one logical resource and records every delivery. */
export class LifecycleDriver {
  private readonly deliveries: Delivery[] = [];

  /**
   * @param cfn the current stack (tests start a new one per test, for its own client tokens)
   * @param logicalId the logical id of the resource under test
   * @param resourceType its CloudFormation resource type
   */
  constructor(private readonly cfn: () => CloudFormation, public readonly logicalId: string, public readonly resourceType: string) {}

  /** Delivers one event and records it. */
  public async deliver(...args: Parameters<CloudFormation['deliver']>): Promise<Delivery> {
    const delivery = await this.cfn().deliver(...args);
    this.deliveries.push(delivery);
    return delivery;
  }

  /** Creates the resource with the given properties, expects SUCCESS and returns the physical id. */
  public async created(props: Record<string, unknown>): Promise<string> {
    const { answer } = await this.deliver(this.cfn().createEvent(this.logicalId, this.resourceType, props));
    expect(answer.Status).toBe('SUCCESS');
    return answer.PhysicalResourceId as string;
  }

  /** Every log line of every delivery so far. */
  public logs(): string {
    return this.deliveries.flatMap((d) => d.logs).join('\n');
  }

  /** The logs name the resource and hold neither the response URL nor any of the given secrets. */
  public expectCleanLogs(secrets: readonly string[]): void {
    const logs = this.logs();
    expect(logs).toContain(`"logicalId":"${this.logicalId}"`);
    expect(logs).not.toContain(RESPONSE_URL_SECRET);
    expect(logs).not.toContain('/__cfn/');
    for (const secret of secrets) expect(logs).not.toContain(secret);
  }
}
