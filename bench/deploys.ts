/**
 * Deploys as CloudFormation and Lambda run them (BENCHMARKS.md, "Deploys"): the ways a stack's
 * many resources of one type can be paced, each deployed through the modelled runtime
 * (test/support/deploy.ts) with the handler bundle as real processes against the rate-limited fakes.
 *
 * - **lanes** (what ships): the template as synthesized, its resources of a type in DependsOn lanes;
 * - **backoff only**: the same template without the lanes: every request at once, throttles
 *   absorbed by the handler's backoff;
 * - **turns in Lambda** (the release before lanes, commit {@link TURNS_COMMIT}): its own handler
 *   bundle, told the stack's counts, each event sleeping out a turn within N ÷ rate × 1.1, with
 *   the 300-second event age it deployed.
 *
 * A Step Functions wait (aws-cdk-lib's Provider framework) is not among them: it adds a service and
 * permissions, and lanes meet the targets without it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConnectResourcesHandlerOptions } from '../src';
import { ROOT } from '../test/support/cloudformation';
import { CASES, DeployKind, deployStack, EVALUATIONS, FLOW_VERSIONS, scaledLatencies, TimelineSample, withoutLanes } from '../test/support/deploy';
import { timelineSvg } from './timeline-svg';

/** The last commit whose handler paced bursts by sleeping out turns inside its invocations. */
const TURNS_COMMIT = 'dbd474d';

type Pacing = 'lanes' | 'backoff only' | 'turns in Lambda';

interface DeployRun {
  readonly kind: DeployKind;
  readonly count: number;
  /** The account's quota: rate and burst. */
  readonly quota: { readonly rate: number; readonly burst: number };
  /** What the stack is told (requestRates), when it differs from the quota's rate. */
  readonly toldRate?: number;
  readonly concurrency: number;
  readonly pacing: Pacing;
  /** Every latency of the runtime times this (default 1: as observed). */
  readonly latency?: number;
  /** Deploy this many nested stacks of `count` resources each, side by side. */
  readonly nested?: number;
  /** Draw this deploy's course in the named picture (one 200-case deploy per pacing). */
  readonly picture?: string;
}

/** Builds the turns-in-Lambda handler bundle from git into .bench/turns; undefined when the commit is not in this clone. */
function turnsBundle(): string | undefined {
  const dir = path.join(ROOT, '.bench', 'turns');
  const bundle = path.join(dir, 'assets', 'handler', 'index.mjs');
  if (fs.existsSync(bundle)) return bundle;
  try {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const archive = execFileSync('git', ['archive', TURNS_COMMIT, 'src', 'scripts', 'package.json'], { cwd: ROOT });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    execFileSync(process.execPath, ['scripts/bundle-handler.mjs'], { cwd: dir, stdio: 'ignore' });
    return bundle;
  } catch {
    return undefined;
  }
}

/** The template as the release before lanes deployed it: no lanes, events kept 300 s. */
function asTurnsRelease(template: any) {
  const unlaned = withoutLanes(template);
  const resources = Object.entries<any>(unlaned.Resources).map(([id, r]) =>
    [id, r.Type === 'AWS::Lambda::EventInvokeConfig' ? { ...r, Properties: { ...r.Properties, MaximumEventAgeInSeconds: 300 } } : r],
  );
  return { ...unlaned, Resources: Object.fromEntries(resources) };
}

/** The environment that release's provider wrote: its bundle, told the stack's counts and rate. */
function turnsEnvironment(run: DeployRun, bundle: string): Record<string, string> {
  return { HANDLER_BUNDLE: bundle, CONNECT_RESOURCES_PACING: JSON.stringify({ [run.kind.resourceType]: { uses: run.count, rate: run.toldRate ?? run.quota.rate } }) };
}

async function deployOnce(run: DeployRun) {
  const options: ConnectResourcesHandlerOptions = run.toldRate ? { requestRates: { [run.kind.operation]: run.toldRate } } : {};
  const deploy = { quota: run.quota, concurrency: run.concurrency, options, latencies: scaledLatencies(run.latency ?? 1), nested: run.nested };
  if (run.pacing === 'lanes') return deployStack(run.kind, run.count, deploy);
  if (run.pacing === 'backoff only') return deployStack(run.kind, run.count, { ...deploy, template: withoutLanes });
  const bundle = turnsBundle();
  if (!bundle) return undefined;
  return deployStack(run.kind, run.count, { ...deploy, template: asTurnsRelease, env: turnsEnvironment(run, bundle) });
}

const CASE_QUOTA = { rate: 2, burst: 10 };

const RUNS: DeployRun[] = [
  { kind: CASES, count: 200, quota: CASE_QUOTA, concurrency: 10, pacing: 'lanes', picture: 'account-10' },
  { kind: CASES, count: 200, quota: CASE_QUOTA, concurrency: 10, pacing: 'backoff only', picture: 'account-10' },
  { kind: CASES, count: 200, quota: CASE_QUOTA, concurrency: 10, pacing: 'turns in Lambda', picture: 'account-10' },
  { kind: CASES, count: 200, quota: CASE_QUOTA, concurrency: 1000, pacing: 'lanes', picture: 'account-1000' },
  { kind: CASES, count: 200, quota: CASE_QUOTA, concurrency: 1000, pacing: 'backoff only', picture: 'account-1000' },
  { kind: CASES, count: 200, quota: CASE_QUOTA, concurrency: 1000, pacing: 'turns in Lambda', picture: 'account-1000' },
  { kind: FLOW_VERSIONS, count: 100, quota: { rate: 2, burst: 5 }, concurrency: 10, pacing: 'lanes' },
  { kind: FLOW_VERSIONS, count: 100, quota: { rate: 2, burst: 5 }, concurrency: 1000, pacing: 'lanes' },
  { kind: EVALUATIONS, count: 60, quota: { rate: 3, burst: 5 }, concurrency: 10, pacing: 'lanes' },
  { kind: EVALUATIONS, count: 60, quota: { rate: 3, burst: 5 }, concurrency: 1000, pacing: 'lanes' },
  // CloudFormation twice as fast, and half as fast, as observed.
  { kind: CASES, count: 200, quota: CASE_QUOTA, concurrency: 1000, pacing: 'lanes', latency: 0.5 },
  { kind: CASES, count: 200, quota: CASE_QUOTA, concurrency: 1000, pacing: 'lanes', latency: 2 },
  // Three nested stacks of 10 cases each, deployed side by side against the one quota.
  { kind: CASES, count: 10, nested: 3, quota: CASE_QUOTA, concurrency: 10, pacing: 'lanes' },
  // Live traffic takes half the quota: the account serves 1/s, the stack was told 2/s.
  { kind: CASES, count: 200, quota: { rate: 1, burst: 10 }, toldRate: 2, concurrency: 10, pacing: 'lanes' },
  { kind: CASES, count: 200, quota: { rate: 1, burst: 10 }, toldRate: 2, concurrency: 10, pacing: 'backoff only' },
];

/** The deploy table's rows (also printed as they come), and the pictures drawn. `only` keeps the runs whose pacing it names. */
export async function deploys(only?: Pacing): Promise<{ rows: string[]; pictures: string[] }> {
  const rows = [
    '| create (quota) | resources | latencies | account concurrency | pacing | answered SUCCESS once / discarded / failed | time ÷ floor (N ÷ quota rate) | peak requests in flight | peak executions | execution per resource | throttled calls per create | invocations per resource |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  console.log(rows.join('\n'));
  const courses = new Map<string, { pacing: string; summary: string; timeline: readonly TimelineSample[] }[]>();
  for (const run of RUNS.filter((r) => !only || r.pacing === only)) {
    const outcome = await deployOnce(run);
    const latency = run.latency === undefined || run.latency === 1 ? 'observed' : run.latency < 1 ? `× ${run.latency} (halved)` : `× ${run.latency} (doubled)`;
    const resources = run.nested ? `${run.nested} nested stacks × ${run.count}` : `${run.count}`;
    const what = `${run.kind.operation} (${run.quota.rate}/s, burst ${run.quota.burst}${run.toldRate ? `; told ${run.toldRate}/s` : ''}) | ${resources} | ${latency} | ${run.concurrency} | ${run.pacing === 'lanes' ? '**lanes**' : run.pacing}`;
    if (!outcome) {
      rows.push(`| ${what} | not run: commit ${TURNS_COMMIT} is not in this clone | | | | | | |`);
      console.log(rows[rows.length - 1]);
      continue;
    }
    const { result, created, throttledPerCreate: throttled } = outcome;
    const total = run.count * (run.nested ?? 1);
    const once = result.resources.filter((r) => r.status === 'complete' && new Set(r.answers.map((a) => JSON.stringify(a))).size === 1).length;
    const failed = result.resources.filter((r) => r.status === 'failed' || r.status === 'timed out').length;
    const floor = total / run.quota.rate;
    const finished = result.resources.every((r) => r.status === 'complete');
    const time = finished ? `${(result.seconds / floor).toFixed(2)}×` : `stack failed after ${result.seconds.toFixed(0)} s`;
    rows.push(
      `| ${what} | ${once} / ${result.discarded} / ${failed}${created !== once ? ` (${created} created)` : ''} | ${time} | ${result.peakInFlight} | ${result.peakExecutions} | ${(result.executionSeconds / total).toFixed(1)} s | ${throttled.toFixed(2)} | ${(result.invocations / total).toFixed(2)} |`,
    );
    console.log(rows[rows.length - 1]);
    if (run.picture) {
      const summary = `${time}, peak ${result.peakInFlight} in flight, ${result.peakExecutions} executions, ${throttled.toFixed(1)} throttles per case`;
      courses.set(run.picture, [...(courses.get(run.picture) ?? []), { pacing: run.pacing, summary, timeline: result.timeline }]);
    }
  }
  const pictures: string[] = [];
  for (const [name, panels] of courses) {
    const file = `docs/deploys-${name}.svg`;
    const concurrency = name.split('-')[1];
    fs.writeFileSync(path.join(ROOT, file), timelineSvg(`200 cases at 2/s (burst 10), observed latencies, an account of ${concurrency} concurrent executions`, panels));
    pictures.push(file);
    console.log(`drawn: ${file}`);
  }
  return { rows, pictures };
}
