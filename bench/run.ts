/**
 * `npm run bench` — the figures behind BENCHMARKS.md, each measured beside the alternative a user
 * would pick (aws-cdk-lib's AwsCustomResource) in the same run, reported as medians and ratios.
 *
 *   node scripts/run-ts.mjs bench/run.ts [--quick]
 *
 * --quick skips the 60 s and 180 s waiter runs and takes fewer samples (for trying things out).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { App, Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { ConnectInstance, IdentityManagementType } from '../lib';
import { CloudFormation, handlerEnvironment, ROOT } from '../test/support/cloudformation';
import { FakeAws } from '../test/support/fake-aws';
import { FakeConnect } from '../test/support/fake-connect';

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
      identityManagementType: IdentityManagementType.CONNECT_MANAGED,
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
    const app = new App({ outdir });
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

function templateEconomy(scenario: Scenario, counts: number[], samples: number): string[] {
  const rows = [
    `| N | resources (ours / AwsCustomResource) | template bytes (ours / AwsCR, ratio) | IAM policy chars (ours / AwsCR) | synth ms, median of ${samples} (ours / AwsCR, ratio) |`,
    '|---|---|---|---|---|',
  ];
  for (const n of counts) {
    const ours = Array.from({ length: samples }, () => synth(scenario.ours, n));
    const theirs = Array.from({ length: samples }, () => synth(scenario.alternative, n));
    const [o, t] = [ours[0], theirs[0]];
    const [om, tm] = [median(ours.map((s) => s.ms)), median(theirs.map((s) => s.ms))];
    rows.push(
      `| ${n} | ${o.resources} / ${t.resources} | ${o.bytes} / ${t.bytes} (${ratio(o.bytes, t.bytes)}) | ${o.policyChars} / ${t.policyChars} | ${om.toFixed(0)} / ${tm.toFixed(0)} (${ratio(om, tm)}) |`,
    );
    console.log(rows[rows.length - 1]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 2. Handler cold start: bytes loaded and module load time per resource type
// ---------------------------------------------------------------------------------------------

const RESOURCE_MODULES: Record<string, string> = {
  'Custom::ConnectInstance': 'lambda/resources/connect-instance.ts',
};

function loadedFiles(meta: any, start: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of meta.outputs[file].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(start);
  return [...seen];
}

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

function coldStart(samples: number): string[] {
  const meta = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets/handler-meta.json'), 'utf8'));
  const entry = 'assets/handler/index.mjs';
  const bare = loadMs('0', samples, 'commonjs');
  const awsCr = path.join(ROOT, 'node_modules/aws-cdk-lib/custom-resource-handlers/dist/custom-resources/aws-custom-resource-handler/index.js');
  const rows = [
    `Bare \`node -e 0\`: ${bare.toFixed(0)} ms (median of ${samples}).`,
    '',
    '| resource type | bytes loaded | load ms (median) | × bare node | AwsCustomResource handler + SDK client, ms | ours / AwsCR |',
    '|---|---|---|---|---|---|',
  ];
  for (const [type, source] of Object.entries(RESOURCE_MODULES)) {
    const chunk = Object.keys(meta.outputs).find((o) => meta.outputs[o].entryPoint === source)!;
    const files = [...new Set([...loadedFiles(meta, entry), ...loadedFiles(meta, chunk)])];
    const bytes = files.reduce((sum, f) => sum + meta.outputs[f].bytes, 0);
    const ours = loadMs(`await import('./${entry}'); await import('./${chunk}');`, samples);
    const client = { 'Custom::ConnectInstance': '@aws-sdk/client-connect' }[type] ?? '@aws-sdk/client-connect';
    const theirs = loadMs(`require(${JSON.stringify(awsCr)}); require('${client}');`, samples, 'commonjs');
    rows.push(`| ${type} | ${(bytes / 1024).toFixed(0)} KiB | ${ours.toFixed(0)} | ${(ours / bare).toFixed(2)} | ${theirs.toFixed(0)} | ${ratio(ours, theirs)} |`);
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

async function perEvent(events: number): Promise<string[]> {
  const aws = await FakeAws.start();
  new FakeConnect(aws);
  const cfn = new CloudFormation(aws);
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/warm-invoker.mjs')], { cwd: ROOT, env: handlerEnvironment(aws.url), stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const time = async (event: unknown) => {
    child.stdin.write(`${JSON.stringify(event)}\n`);
    return JSON.parse((await lines.next()).value).ms as number;
  };
  const props = (i: number, team: string) => ({ ServiceTimeout: 1800, IdentityManagementType: 'CONNECT_MANAGED', InstanceAlias: `event-${i}`, InboundCallsEnabled: true, OutboundCallsEnabled: true, Tags: { team } });
  const times = { Create: [] as number[], Update: [] as number[], Delete: [] as number[] };
  try {
    for (let i = 0; i < events; i++) {
      const create = cfn.createEvent(`Instance${i}`, 'Custom::ConnectInstance', props(i, 'a'));
      times.Create.push(await time(create));
      const id = aws.answers.get(create.RequestId)![0].PhysicalResourceId;
      times.Update.push(await time(cfn.updateEvent(`Instance${i}`, 'Custom::ConnectInstance', id, props(i, 'b'), props(i, 'a'))));
      times.Delete.push(await time(cfn.deleteEvent(`Instance${i}`, 'Custom::ConnectInstance', id, props(i, 'b'))));
    }
  } finally {
    child.stdin.end();
    await aws.close();
  }
  // The first event of a process pays for loading modules: that is the cold start, measured above.
  const rows = [`| resource type | event | median ms | p95 ms | (${events} events each, first one excluded) |`, '|---|---|---|---|---|'];
  for (const [type, list] of Object.entries(times)) {
    const warm = list.slice(1);
    rows.push(`| Custom::ConnectInstance | ${type} | ${median(warm).toFixed(1)} | ${percentile(warm, 0.95).toFixed(1)} | |`);
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
  const command = `npm run bench${QUICK ? ' -- --quick' : ''}`;
  const samples = QUICK ? 3 : 5;
  console.log('## Template economy');
  const economy = templateEconomy(INSTANCE_SCENARIO, QUICK ? [1, 10, 100] : [1, 10, 100, 400], samples);
  console.log('## Handler cold start');
  const cold = coldStart(QUICK ? 5 : 15);
  console.log('## Waiter');
  const wait = await waiter(QUICK ? [5] : [5, 60, 180]);
  console.log('## Per-event overhead');
  const overhead = await perEvent(QUICK ? 10 : 30);

  const cpu = os.cpus();
  const md = [
    '# Benchmarks',
    '',
    `Produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${os.platform()} ${os.arch()}. The machine is shared and noisy: times are medians, and comparisons are ratios measured in the same run.`,
    '',
    `## Template economy — ${INSTANCE_SCENARIO.name}`,
    '',
    'The same operation N times in one stack: our construct vs aws-cdk-lib `AwsCustomResource` (`installLatestAwsSdk: false`, policy from the SDK calls). CloudFormation allows 500 resources and a 1 MB template per stack; a role\'s inline policies may hold 10,240 characters.',
    '',
    ...economy,
    '',
    '## Handler cold start',
    '',
    'Bytes the handler loads for an event of each type (entry + the type\'s chunk + their static imports), and the wall time of a fresh `node` process that loads them, against bare `node -e 0` and against the AwsCustomResource handler loading the same SDK client.',
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
    'A warm handler process against the loopback fake with zero service latency (the handler\'s own cost plus loopback HTTP).',
    '',
    ...overhead,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(ROOT, QUICK ? '.bench/BENCHMARKS.quick.md' : 'BENCHMARKS.md'), md);
  console.log(`written to ${QUICK ? '.bench/BENCHMARKS.quick.md' : 'BENCHMARKS.md'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
