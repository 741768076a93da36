/**
 * `npm run bench` — the figures behind BENCHMARKS.md, each measured beside the alternative a user
 * would pick (aws-cdk-lib's AwsCustomResource) in the same run, reported as medians and ratios.
 *
 *   node scripts/run-ts.mjs bench/run.ts [--quick]
 *
 * --quick skips the 60 s and 180 s waiter runs and takes fewer samples (for trying things out).
 * --deploys runs only the deploy section (its table goes to the console); --deploys=lanes only the lanes rows.
 * --cold runs only the cold-start section (its table goes to the console).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { App, Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Case, ConnectInstance } from '../src';
import { CloudFormation, handlerEnvironment, ROOT } from '../test/support/cloudformation';
import { FakeAws } from '../test/support/fake-aws';
import { FakeCases } from '../test/support/fake-cases';
import { FakeConnect } from '../test/support/fake-connect';
import { FakePartnerCentral } from '../test/support/fake-partner-central';
import { BUNDLE_ENTRY, bundleMeta, filesLoadedBy, moduleChunk } from '../test/support/bundle';
import { coldEvents, ColdVariant, DO_NOTHING_HANDLER, HANDLER_BUNDLE } from './cold-start';
import { deploys } from './deploys';

const QUICK = process.argv.includes('--quick');

const ENV = { account: '111122223333', region: 'us-west-2' };

// ---------------------------------------------------------------------------------------------
// 1. Template economy: N uses of one operation in one stack, ours vs AwsCustomResource
// ---------------------------------------------------------------------------------------------

interface Scenario {
  readonly name: string;
  ours(stack: Stack, i: number): void;
  alternative(stack: Stack, i: number): void;
}

const INSTANCE_SCENARIO: Scenario = {
  name: 'ConnectInstance (CreateInstance)',
  ours: (stack, i) =>
    new ConnectInstance(stack, `Instance${i}`, {
      instanceAlias: `bench-${i}`,
      inboundCallsEnabled: true,
      outboundCallsEnabled: false,
    }),
  alternative: (stack, i) =>
    new cr.AwsCustomResource(stack, `Instance${i}`, {
      installLatestAwsSdk: false,
      onCreate: {
        service: 'Connect',
        action: 'CreateInstance',
        parameters: { IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: `bench-${i}`, InboundCallsEnabled: true, OutboundCallsEnabled: false },
        physicalResourceId: cr.PhysicalResourceId.fromResponse('Id'),
      },
      onDelete: { service: 'Connect', action: 'DeleteInstance', parameters: { InstanceId: new cr.PhysicalResourceIdReference() } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [stack.formatArn({ service: 'connect', resource: 'instance', resourceName: '*' })] }),
    }),
};

const DOMAIN_ID = '0e6f2c1a-7d4b-4c55-9a61-5b1f0c2d3e4f';
const TEMPLATE_ID = 'b3c9e1d2-aaaa-4bbb-8ccc-111122223333';
const PROFILE_ARN = 'arn:aws:profile:us-west-2:111122223333:domains/support/profiles/3f1e2d3c4b5a';

/** Many cases in one domain: the use that reaches N = 400 in real stacks. */
const CASE_SCENARIO: Scenario = {
  name: 'Case (Connect Cases CreateCase)',
  ours: (stack, i) =>
    new Case(stack, `Case${i}`, {
      domain: DOMAIN_ID,
      template: TEMPLATE_ID,
      title: `Refund ${i}`,
      customer: PROFILE_ARN,
    }),
  alternative: (stack, i) => {
    const domainArn = stack.formatArn({ service: 'cases', resource: 'domain', resourceName: DOMAIN_ID });
    return new cr.AwsCustomResource(stack, `Case${i}`, {
      installLatestAwsSdk: false,
      onCreate: {
        service: 'ConnectCases',
        action: 'CreateCase',
        parameters: {
          domainId: DOMAIN_ID,
          templateId: TEMPLATE_ID,
          fields: [
            { id: 'title', value: { stringValue: `Refund ${i}` } },
            { id: 'customer_id', value: { stringValue: PROFILE_ARN } },
          ],
        },
        physicalResourceId: cr.PhysicalResourceId.fromResponse('caseId'),
      },
      onDelete: { service: 'ConnectCases', action: 'DeleteCase', parameters: { domainId: DOMAIN_ID, caseId: new cr.PhysicalResourceIdReference() } },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [domainArn, `${domainArn}/*`] }),
    });
  },
};

interface SynthFigures {
  resources: number;
  bytes: number;
  policyChars: number;
  ms: number;
}

function synth(use: (stack: Stack, i: number) => void, n: number): SynthFigures {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    const started = performance.now();
    // aws-cdk-lib refuses stacks over 500 resources; the limit is lifted here so that the
    // alternative can be measured anyway (the table says which stacks could deploy).
    const app = new App({ outdir, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
    const stack = new Stack(app, 'Bench', { env: ENV });
    for (let i = 0; i < n; i++) use(stack, i);
    app.synth();
    const ms = performance.now() - started;
    const text = fs.readFileSync(path.join(outdir, 'Bench.template.json'), 'utf8');
    const template = JSON.parse(text);
    const resources = Object.values<any>(template.Resources);
    const policyChars = resources
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .reduce((sum, r) => sum + JSON.stringify(r.Properties.PolicyDocument).length, 0);
    return { resources: resources.length, bytes: Buffer.byteLength(text), policyChars, ms };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Whether CloudFormation would take the stack: ≤ 500 resources, ≤ 1 MB template. */
function deployable(f: SynthFigures): string {
  return f.resources <= 500 && f.bytes <= 1_000_000 ? 'yes' : 'no';
}

function templateEconomy(scenario: Scenario, counts: number[], samples: number): string[] {
  const rows = [
    `| N | resources (ours / AwsCustomResource) | template bytes (ours / AwsCR, ratio) | IAM policy chars (ours / AwsCR) | synth ms, median of ${samples} (ours / AwsCR, ratio) | within CloudFormation's limits (ours / AwsCR) |`,
    '|---|---|---|---|---|---|',
  ];
  for (const n of counts) {
    const ours = Array.from({ length: samples }, () => synth(scenario.ours, n));
    const theirs = Array.from({ length: samples }, () => synth(scenario.alternative, n));
    const [o, t] = [ours[0], theirs[0]];
    const [om, tm] = [median(ours.map((s) => s.ms)), median(theirs.map((s) => s.ms))];
    rows.push(
      `| ${n} | ${o.resources} / ${t.resources} | ${o.bytes} / ${t.bytes} (${ratio(o.bytes, t.bytes)}) | ${o.policyChars} / ${t.policyChars} | ${om.toFixed(0)} / ${tm.toFixed(0)} (${ratio(om, tm)}) | ${deployable(o)} / ${deployable(t)} |`,
    );
    console.log(rows[rows.length - 1]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 2. Handler cold start: full cold events per resource type, against a do-nothing handler
// ---------------------------------------------------------------------------------------------

/** Each resource type's module, and the SDK client the AwsCustomResource handler would load for it. */
const RESOURCE_MODULES: Record<string, { source: string; client: string }> = {
  'Custom::ConnectInstance': { source: 'src/handler/resources/connect-instance.ts', client: '@aws-sdk/client-connect' },
  'Custom::ConnectFlowVersion': { source: 'src/handler/resources/flow-version.ts', client: '@aws-sdk/client-connect' },
  'Custom::ConnectContactEvaluation': { source: 'src/handler/resources/contact-evaluation.ts', client: '@aws-sdk/client-connect' },
  'Custom::ConnectCase': { source: 'src/handler/resources/case.ts', client: '@aws-sdk/client-connectcases' },
  'Custom::PartnerCentralEngagementContext': { source: 'src/handler/resources/engagement-context.ts', client: '@aws-sdk/client-partnercentral-selling' },
};

function loadMs(script: string, samples: number, input: 'module' | 'commonjs' = 'module'): number {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const { status, stderr } = spawnSync(process.execPath, ['--input-type', input, '-e', script], { cwd: ROOT, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
    if (status !== 0) throw new Error(`load failed: ${stderr}`);
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * The `node` of the Lambda runtime the provider deploys (src/private/provider.ts), fetched with
 * npx when this machine runs another major version; undefined when npx cannot get it.
 */
function lambdaNode(): { major: number; path?: string } {
  const major = Number(/Runtime\.NODEJS_(\d+)_X/.exec(fs.readFileSync(path.join(ROOT, 'src/private/provider.ts'), 'utf8'))![1]);
  if (process.versions.node.startsWith(`${major}.`)) return { major, path: process.execPath };
  const found = spawnSync('npx', ['-y', `node@${major}`, '-p', 'process.execPath'], { encoding: 'utf8', timeout: 180_000 });
  const execPath = found.status === 0 ? found.stdout.trim().split('\n').pop() : undefined;
  return { major, path: execPath && fs.existsSync(execPath) ? execPath : undefined };
}

async function coldStart(samples: number): Promise<string[]> {
  const meta = bundleMeta();
  const awsCr = path.join(ROOT, 'node_modules/aws-cdk-lib/custom-resource-handlers/dist/custom-resources/aws-custom-resource-handler/index.js');
  const lambda = lambdaNode();
  const here = `Node.js ${process.versions.node.split('.')[0]}`;
  const there = `Node.js ${lambda.major}`;
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-compile-cache-'));
  const variants: ColdVariant[] = [
    { name: 'do-nothing', handler: DO_NOTHING_HANDLER },
    { name: 'handler', handler: HANDLER_BUNDLE },
    ...(lambda.path && lambda.path !== process.execPath
      ? [
          { name: 'do-nothing (Lambda)', handler: DO_NOTHING_HANDLER, node: lambda.path },
          { name: 'handler (Lambda)', handler: HANDLER_BUNDLE, node: lambda.path },
        ]
      : []),
    // A compile cache filled by a first event (prepare): the best a cache shipped in the asset could do.
    ...(lambda.path ? [{ name: 'handler (Lambda, compile cache)', handler: HANDLER_BUNDLE, node: lambda.path, env: { NODE_COMPILE_CACHE: cache }, prepare: true }] : []),
  ];
  const results = await coldEvents(variants, samples);
  fs.rmSync(cache, { recursive: true, force: true });
  const lambdaYardstick = lambda.path === process.execPath ? 'do-nothing' : 'do-nothing (Lambda)';
  const columns = [
    { variant: 'handler', yardstick: 'do-nothing', title: `cold event, ${here} (this machine)` },
    ...(variants.some((v) => v.name === 'handler (Lambda)') ? [{ variant: 'handler (Lambda)', yardstick: lambdaYardstick, title: `cold event, ${there} (the Lambda runtime's)` }] : []),
    ...(lambda.path ? [{ variant: 'handler (Lambda, compile cache)', yardstick: lambdaYardstick, title: `${there} with a warm compile cache` }] : []),
  ];
  const ms = (variant: string, type?: string) =>
    median((type ? results.get(variant)!.get(type)! : [...results.get(variant)!.values()].flat()).map((s) => s.ms));
  const phase = (variant: string, type: string, key: 'firstCallMs' | 'answerMs') => median(results.get(variant)!.get(type)!.map((s) => s[key] ?? NaN));
  const rows = [
    `Do-nothing handler process (load a trivial module, PUT the answer, exit): ${columns.map((c) => `${ms(c.yardstick).toFixed(0)} ms on ${c.variant.includes('Lambda') ? there : here}`).filter((x, i, all) => all.indexOf(x) === i).join(', ')} (median of ${samples * Object.keys(RESOURCE_MODULES).length}).${lambda.path ? '' : ` ${there} (the Lambda runtime's) could not be fetched with npx: its columns are left out.`}`,
    '',
    `| resource type | bytes loaded | ${columns.map((c) => `${c.title}: ms, × do-nothing`).join(' | ')} | first API call / answer at, ms (${here}) | module load only, ms: ours / AwsCustomResource handler + SDK client |`,
    `|---|---|${columns.map(() => '---|').join('')}---|---|`,
  ];
  for (const [type, { source, client }] of Object.entries(RESOURCE_MODULES)) {
    const chunk = moduleChunk(source, meta);
    const bytes = filesLoadedBy(source, meta).reduce((sum, f) => sum + meta.outputs[f].bytes, 0);
    const ours = loadMs(`await import('./${BUNDLE_ENTRY}'); await import('./${chunk}');`, samples);
    const theirs = loadMs(`require(${JSON.stringify(awsCr)}); require('${client}');`, samples, 'commonjs');
    const cells = columns.map((c) => `${ms(c.variant, type).toFixed(0)} (${(ms(c.variant, type) / ms(c.yardstick)).toFixed(2)}×)`);
    rows.push(
      `| ${type} | ${(bytes / 1024).toFixed(0)} KiB | ${cells.join(' | ')} | ${phase('handler', type, 'firstCallMs').toFixed(0)} / ${phase('handler', type, 'answerMs').toFixed(0)} | ${ours.toFixed(0)} / ${theirs.toFixed(0)} (${ratio(ours, theirs)}) |`,
    );
    console.log(rows[rows.length - 1]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 3. Waiter: lag between ACTIVE and the answer, and DescribeInstance calls per second
// ---------------------------------------------------------------------------------------------

async function waiter(seconds: number[]): Promise<string[]> {
  const aws = await FakeAws.start();
  const connect = new FakeConnect(aws);
  connect.instanceReadyAfterMs = (request) => Number(String(request.InstanceAlias).split('-')[1]) * 1000;
  const cfn = new CloudFormation(aws);
  const rows = ['| instance ACTIVE after | answer lag after ACTIVE | DescribeInstance calls | calls per 2 s |', '|---|---|---|---|'];
  try {
    const results = await Promise.all(
      seconds.map(async (t) => {
        const event = cfn.createEvent(`Wait${t}`, 'Custom::ConnectInstance', {
          ServiceTimeout: 1800,
          IdentityManagementType: 'CONNECT_MANAGED',
          InstanceAlias: `wait-${t}`,
          InboundCallsEnabled: true,
          OutboundCallsEnabled: true,
        });
        const { answer } = await cfn.deliver(event);
        const instance = connect.instances.get(answer.PhysicalResourceId)!;
        const answeredAt = aws.calls.find((c) => c.operation === 'CloudFormationAnswer' && c.params.RequestId === event.RequestId)!.at;
        const describes = aws.calls.filter((c) => c.operation === 'DescribeInstance' && c.params.InstanceId === instance.Id).length;
        return { t, lag: (answeredAt - instance.readyAt) / 1000, describes, per2s: describes / ((answeredAt - instance.createdAt) / 2000) };
      }),
    );
    for (const r of results) rows.push(`| ${r.t} s | ${r.lag.toFixed(2)} s | ${r.describes} | ${r.per2s.toFixed(2)} |`);
  } finally {
    await aws.close();
  }
  rows.forEach((r) => console.log(r));
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 4. Per-event overhead: a warm handler against the fake with zero service latency
// ---------------------------------------------------------------------------------------------

/** One resource type's events for the per-event benchmark: props for create and for an in-place update. */
interface EventProfile {
  readonly type: string;
  props(i: number, variant: 'a' | 'b'): Record<string, unknown>;
  /** Events not worth timing (an instance Create or Delete includes a 2 s pause before its first check). */
  readonly skip?: string[];
}

async function perEvent(events: number): Promise<string[]> {
  const aws = await FakeAws.start();
  new FakeConnect(aws);
  new FakeCases(aws).addDomain(DOMAIN_ID, TEMPLATE_ID);
  const partner = new FakePartnerCentral(aws);
  const engagement = partner.addEngagement('Sandbox');
  const profiles: EventProfile[] = [
    {
      type: 'Custom::ConnectInstance',
      props: (i, v) => ({ ServiceTimeout: 1800, IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: `event-${i}`, InboundCallsEnabled: true, OutboundCallsEnabled: true, Tags: { team: v } }),
      skip: ['Create', 'Delete'],
    },
    {
      type: 'Custom::ConnectCase',
      props: (i, v) => ({
        ServiceTimeout: 600,
        DomainId: DOMAIN_ID,
        TemplateId: TEMPLATE_ID,
        Fields: [
          { Id: 'title', Value: { StringValue: `Refund ${i} ${v}` } },
          { Id: 'customer_id', Value: { StringValue: PROFILE_ARN } },
        ],
      }),
    },
    {
      type: 'Custom::PartnerCentralEngagementContext',
      props: (i, v) => ({
        ServiceTimeout: 300,
        Catalog: 'Sandbox',
        EngagementIdentifier: engagement.Id,
        Type: 'CustomerProject',
        Payload: {
          CustomerProject: {
            Customer: { CompanyName: `Example ${i} ${v}`, CountryCode: 'US', Industry: 'Software and Internet', WebsiteUrl: 'https://www.example.com' },
          },
        },
      }),
    },
  ];
  const cfn = new CloudFormation(aws);
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/warm-invoker.mjs')], { cwd: ROOT, env: handlerEnvironment(aws.url), stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const time = async (event: unknown) => {
    child.stdin.write(`${JSON.stringify(event)}\n`);
    return JSON.parse((await lines.next()).value).ms as number;
  };
  const rows = [`| resource type | event | median ms | p95 ms |`, '|---|---|---|---|'];
  try {
    for (const profile of profiles) {
      const times = { Create: [] as number[], Update: [] as number[], Delete: [] as number[] };
      // One extra round first: its Create pays for loading the type's module (the cold start above).
      for (let i = 0; i <= events; i++) {
        const id = `${profile.type.split('::')[1]}${i}`;
        const create = cfn.createEvent(id, profile.type, profile.props(i, 'a'));
        const created = await time(create);
        const physicalId = aws.answers.get(create.RequestId)![0].PhysicalResourceId;
        const updated = await time(cfn.updateEvent(id, profile.type, physicalId, profile.props(i, 'b'), profile.props(i, 'a')));
        const deleted = await time(cfn.deleteEvent(id, profile.type, physicalId, profile.props(i, 'b')));
        if (i === 0) continue;
        times.Create.push(created);
        times.Update.push(updated);
        times.Delete.push(deleted);
      }
      for (const [event, list] of Object.entries(times)) {
        if (profile.skip?.includes(event)) continue;
        rows.push(`| ${profile.type} | ${event} | ${median(list).toFixed(1)} | ${percentile(list, 0.95).toFixed(1)} |`);
      }
    }
  } finally {
    child.stdin.end();
    await aws.close();
  }
  rows.forEach((r) => console.log(r));
  return rows;
}

// ---------------------------------------------------------------------------------------------

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function ratio(ours: number, theirs: number): string {
  return `${(ours / theirs).toFixed(2)}×`;
}

async function main() {
  const only = process.argv.find((a) => a.startsWith('--deploys'));
  if (only) return void (await deploys(only.includes('=') ? (only.split('=')[1] as 'lanes') : undefined));
  if (process.argv.includes('--cold')) return void (await coldStart(QUICK ? 5 : 15));
  const command = `npm run bench${QUICK ? ' -- --quick' : ''}`;
  const samples = QUICK ? 3 : 5;
  console.log('## Template economy');
  const economy = templateEconomy(CASE_SCENARIO, QUICK ? [1, 10, 100] : [1, 10, 100, 400], samples);
  const instanceEconomy = templateEconomy(INSTANCE_SCENARIO, [1, 10], samples);
  console.log('## Handler cold start');
  const cold = await coldStart(QUICK ? 5 : 15);
  console.log('## Waiter');
  const wait = await waiter(QUICK ? [5] : [5, 60, 180]);
  console.log('## Per-event overhead');
  const overhead = await perEvent(QUICK ? 10 : 30);
  console.log('## Deploys');
  const deployRows = await deploys();

  const cpu = os.cpus();
  const md = [
    '# Benchmarks',
    '',
    `Produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${os.platform()} ${os.arch()}. The machine is shared and noisy: times are medians, and comparisons are ratios measured in the same run.`,
    '',
    `## Template economy — ${CASE_SCENARIO.name}`,
    '',
    'The same operation N times in one stack: our construct vs aws-cdk-lib `AwsCustomResource` (`installLatestAwsSdk: false`, policy from the SDK calls). CloudFormation allows 500 resources and a 1 MB template per stack; a role\'s inline policies may hold 10,240 characters.',
    '',
    ...economy,
    '',
    `And ${INSTANCE_SCENARIO.name}, whose fixed cost is higher (its grants for Directory Service and the service-linked role):`,
    '',
    ...instanceEconomy,
    '',
    '## Handler cold start',
    '',
    'A cold event: a fresh `node` process that loads the handler bundle, handles one Create event of the type — its real SDK calls against the loopback fakes, which answer at once — and PUTs the answer to the ResponseURL, from spawn to exit (bench/cold-start.ts). Its yardstick is the same process running a do-nothing handler (bench/do-nothing-handler.mjs). An instance Create pauses 2 s before its first readiness check whatever the instance\'s state: that pause is taken off its figures. Target: ≤ 2× the do-nothing handler. Bytes loaded: the entry, the type\'s chunk and their static imports. The compile cache column runs with `NODE_COMPILE_CACHE` filled by one earlier event: the best a cache shipped with the asset could do (a fresh Lambda sandbox has an empty /tmp). Last column: module load only (import, no event), against the AwsCustomResource handler loading the same SDK client.',
    '',
    ...cold,
    '',
    '## Waiter',
    '',
    'A fake instance turns ACTIVE after T; lag is from ACTIVE to the answer reaching the ResponseURL (targets: ≤ 3 s lag, ≤ 1 DescribeInstance per 2 s).',
    '',
    ...wait,
    '',
    '## Per-event overhead',
    '',
    `A warm handler process against the loopback fakes with zero service latency (the handler's own cost plus loopback HTTP), ${QUICK ? 10 : 30} events of each kind after one warm-up round. One type per SDK client and protocol: FlowVersion and ContactEvaluation use the Connect client like ConnectInstance. An instance Create and Delete are left out: each pauses 2 s before its first check that the instance is ready, or gone (see Waiter).`,
    '',
    ...overhead,
    '',
    '## Deploys',
    '',
    'A whole deploy as CloudFormation and Lambda run it (test/support/deploy.ts): the stack\'s synthesized template; CloudFormation sends each custom resource\'s request a second after what it depends on is complete; Lambda\'s asynchronous queue runs at most the account\'s concurrency at once, discards events older than the function\'s MaximumEventAge and retries failed invocations; hand-overs are queued events. The handler bundle runs as one process per invocation against fakes whose create operation is a token bucket (rate, burst). Targets: every event answered SUCCESS exactly once and none discarded, within 1.5× the floor (N ÷ rate) in an account of 10 concurrent executions; in an account of 1000, at most 10 executions at once and 3 s of execution per resource; with half the quota taken by live traffic, within 2× the floor at the actual rate.',
    '',
    'The pacings side by side (bench/deploys.ts): **lanes** (what ships: DependsOn lanes of ceil(rate × 2 s) per type, short backoff in the handler), backoff only (the same template without lanes), and turns in Lambda (the release before lanes: each event sleeps out a turn within N ÷ rate × 1.1 in its invocation, events kept 300 s). Each row is one deploy.',
    '',
    ...deployRows,
    '',
    '## What limits these figures',
    '',
    "- **Deploys**: execution time is each handler process from spawn to exit, a cold start here (on Lambda a warm execution is shorter). This machine's 2 cores run every process, so a deploy that holds hundreds of executions at once (backoff only, turns in Lambda, in an account of 1000) is slowed by the CPU as well as by the quota. CloudFormation's real turnaround per resource is not documented; the model's is a second plus the handler's own time, and lanes are sized for 2 s. Rollback is not modelled: a failed stack's row says when it failed. A discarded event's resource is ended at once, where CloudFormation would wait out its ServiceTimeout.",
    '',
    '- **Fixed cost per stack** is 5 resources (function, its event-invoke settings, role, one policy, log group) and 1 per construct use: AwsCustomResource adds a policy per use, which is what takes it past CloudFormation\'s 500-resource limit at N = 400 (it synthesizes only with aws-cdk-lib\'s own resource-limit check lifted, and could not deploy). At N = 1 our template is larger: one handler serves five resource types, and its policy and code asset say so.',
    '- **Bytes loaded**: each SDK client describes every shape of its service in one module (the Connect client\'s: about 400 operations, 190 KiB minified). The bundler keeps only the shapes of the operations the handler calls (scripts/bundle-handler.mjs, literal-schema-keys): the Connect types load about 250 KiB where they loaded 415 KiB. node:http and node:https are loaded with require(): on Node.js 24 an ES-module import of node:http also loads undici (about 25 ms). Each type loads only its own client; the Lambda client (for hand-overs) is loaded only when an invocation runs out of time.',
    '- **Cold events** are wall times of fresh processes on a shared 2-core machine, medians of interleaved samples; ratios move by ±0.3 between runs, so compare within one run. What is left above the do-nothing handler is the SDK itself — its core (schemas, serde, endpoint rules, signing, middleware stack, about 170 KiB shared by every client) is compiled and run at the first call — not any one module (research notes: cold-start.md). A compile cache on Lambda would have to be shipped in the asset, built by the exact Node.js version of the runtime, which Lambda updates on its own.',
    '- **Waiter**: readiness checks pause 2 s, then 2.5 s, then every 3 s; the lag after ACTIVE is therefore at most about 3 s, at fewer than one DescribeInstance call per 2 s.',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(ROOT, QUICK ? '.bench/BENCHMARKS.quick.md' : 'BENCHMARKS.md'), md);
  console.log(`written to ${QUICK ? '.bench/BENCHMARKS.quick.md' : 'BENCHMARKS.md'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
