/**
 * Cold events: what a fresh Lambda sandbox pays for one event of each resource type.
 *
 * A cold event is a fresh `node` process that loads the handler bundle, handles one
 * CloudFormation-shaped Create event of the type — its real SDK calls against the loopback fakes —
 * and PUTs the answer to the ResponseURL. Its yardstick is the same kind of process running a
 * do-nothing handler (bench/do-nothing-handler.mjs: load a trivial module, PUT the same answer,
 * exit). Both run through test/support/invoke-handler.mjs, as the lifecycle tests run the handler.
 *
 * Variants (other Node.js binaries, compile caches, other bundles) are measured interleaved in one
 * run: sample i runs every variant for every type before sample i + 1, in an order that rotates.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { CloudFormation, handlerEnvironment, INVOKER, ROOT } from '../test/support/cloudformation';
import type { FakeAws } from '../test/support/fake-aws';
import { sha256 } from '../test/support/fake-flow-versions';
import { startEveryServiceFakes } from '../test/support/lifecycle';
import { pollDelay } from '../src/handler/waiter';

/** The built handler bundle. */
export const HANDLER_BUNDLE = path.join(ROOT, 'assets/handler/index.mjs');
/** The do-nothing handler. */
export const DO_NOTHING_HANDLER = path.join(ROOT, 'bench/do-nothing-handler.mjs');

/** One way of running a handler process. */
export interface ColdVariant {
  readonly name: string;
  /** The handler module the invoker imports. */
  readonly handler: string;
  /** The `node` binary (default: the one running the benchmark). */
  readonly node?: string;
  /** Options of `node` (e.g. --cpu-prof). */
  readonly args?: readonly string[];
  /** More environment, e.g. NODE_COMPILE_CACHE. */
  readonly env?: Record<string, string>;
  /** Runs once before the samples (e.g. to fill a compile cache); not timed. */
  readonly prepare?: boolean;
}

/** One cold event's figures (ms from the spawn of the process). */
export interface ColdSample {
  /** Until the process exited, less any fixed pause of the handler (see {@link ColdType}). */
  readonly ms: number;
  /** Until the first API request reached the fake (start-up, import, client, signing). */
  readonly firstCallMs?: number;
  /** Until the answer reached the ResponseURL. */
  readonly answerMs: number;
}

/** One resource type's Create event, against the fakes. */
export interface ColdType {
  readonly type: string;
  props(i: number): Record<string, unknown>;
  /**
   * A pause the handler takes whatever the endpoint answers, taken off the figures: an instance
   * Create pauses 2 s before its first readiness check (waiter.ts, pollDelay), even when the
   * instance is ACTIVE at once. What remains is the cold CreateInstance call, one warm
   * DescribeInstance and the answer.
   */
  readonly pauseMs?: number;
}

/** The fakes, seeded with what every type's event refers to. */
export async function coldStartFakes(): Promise<{ aws: FakeAws; types: ColdType[] }> {
  const fakes = await startEveryServiceFakes();
  fakes.connect.instanceReadyAfterMs = 0;
  const domainId = randomUUID();
  const templateId = randomUUID();
  fakes.cases.addDomain(domainId, templateId);
  const instanceId = randomUUID();
  const formId = randomUUID();
  fakes.evaluations.forms.set(formId, { active: true, items: [] });
  const engagement = fakes.partnerCentral.addEngagement('Sandbox');
  const types: ColdType[] = [
    {
      type: 'Custom::ConnectInstance',
      props: (i) => ({ ServiceTimeout: 1800, IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: `cold-${i}-${randomUUID().slice(0, 8)}`, InboundCallsEnabled: true, OutboundCallsEnabled: true }),
      pauseMs: pollDelay(0),
    },
    {
      type: 'Custom::ConnectFlowVersion',
      // A flow of its own for each event: the Create lists the flow's versions, which would grow.
      props: (i) => {
        const flow = fakes.flowVersions.addFlow();
        return { ServiceTimeout: 300, InstanceId: flow.InstanceId, ContactFlowId: flow.Arn, Description: `cold ${i}`, FlowContentSha256: sha256(flow.Content) };
      },
    },
    {
      type: 'Custom::ConnectContactEvaluation',
      props: () => ({
        ServiceTimeout: 600,
        InstanceId: instanceId,
        ContactId: randomUUID(),
        EvaluationFormId: `arn:aws:connect:us-west-2:111122223333:instance/${instanceId}/evaluation-form/${formId}`,
      }),
    },
    {
      type: 'Custom::ConnectCase',
      props: (i) => ({
        ServiceTimeout: 600,
        DomainId: domainId,
        TemplateId: templateId,
        Fields: [
          { Id: 'title', Value: { StringValue: `Cold ${i}` } },
          { Id: 'customer_id', Value: { StringValue: 'arn:aws:profile:us-west-2:111122223333:domains/support/profiles/3f1e2d3c4b5a' } },
        ],
      }),
    },
    {
      type: 'Custom::PartnerCentralEngagementContext',
      props: (i) => ({
        ServiceTimeout: 300,
        Catalog: 'Sandbox',
        EngagementIdentifier: engagement.Id,
        Type: 'CustomerProject',
        Payload: { CustomerProject: { Customer: { CompanyName: `Example ${i}`, CountryCode: 'US', Industry: 'Software and Internet', WebsiteUrl: 'https://www.example.com' } } },
      }),
    },
  ];
  return { aws: fakes.aws, types };
}

/** Runs one event in a fresh process of the variant; throws unless it was answered SUCCESS. */
export async function coldEvent(aws: FakeAws, variant: ColdVariant, type: ColdType, i: number): Promise<ColdSample> {
  const cfn = new CloudFormation(aws);
  const event = cfn.createEvent(`Cold${i}`, type.type, type.props(i));
  const callsBefore = aws.calls.length;
  const started = Date.now();
  const child = spawn(variant.node ?? process.execPath, [...(variant.args ?? []), INVOKER], {
    cwd: ROOT,
    env: { ...handlerEnvironment(aws.url), HANDLER_BUNDLE: variant.handler, HANDLER_EVENT: JSON.stringify(event), REMAINING_MS: '300000', ...variant.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const ended = Date.now();
  const answers = aws.answers.get(event.RequestId) ?? [];
  if (answers.length !== 1 || answers[0].Status !== 'SUCCESS') throw new Error(`${variant.name} ${type.type}: no single SUCCESS answer\n${JSON.stringify(answers)}\n${out}`);
  const calls = aws.calls.slice(callsBefore);
  const firstCall = calls.find((c) => c.operation !== 'CloudFormationAnswer');
  const answer = calls.find((c) => c.operation === 'CloudFormationAnswer')!;
  // Only a handler that called the service took its pause (the do-nothing one calls nothing).
  const pause = firstCall ? (type.pauseMs ?? 0) : 0;
  return { ms: ended - started - pause, firstCallMs: firstCall && firstCall.at - started, answerMs: answer.at - started - pause };
}

/** Every variant's samples for every type, interleaved. */
export async function coldEvents(variants: readonly ColdVariant[], samples: number): Promise<Map<string, Map<string, ColdSample[]>>> {
  const { aws, types } = await coldStartFakes();
  const results = new Map(variants.map((v) => [v.name, new Map(types.map((t) => [t.type, [] as ColdSample[]]))]));
  try {
    for (const variant of variants.filter((v) => v.prepare)) for (const type of types) await coldEvent(aws, variant, type, -1);
    for (let i = 0; i < samples; i++) {
      for (const type of types) {
        const order = variants.map((_, k) => variants[(k + i) % variants.length]);
        for (const variant of order) results.get(variant.name)!.get(type.type)!.push(await coldEvent(aws, variant, type, i));
      }
    }
  } finally {
    await aws.close();
  }
  return results;
}

