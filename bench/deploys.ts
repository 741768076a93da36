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
import { CASES, DeployKind, deployStack, FLOW_VERSIONS, withoutLanes } from '../test/support/deploy';

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
  const deploy = { quota: run.quota, concurrency: run.concurrency, options };
  if (run.pacing === 'lanes') return deployStack(run.kind, run.count, deploy);
  if (run.pacing === 'backoff only') return deployStack(run.kind, run.count, { ...deploy, template: withoutLanes });
  const bundle = turnsBundle();
  if (!bundle) return undefined;
  return deployStack(run.kind, run.count, { ...deploy, template: asTurnsRelease, env: turnsEnvironment(run, bundle) });
}

const RUNS: DeployRun[] = [
  { kind: CASES, count: 200, quota: { rate: 2, burst: 10 }, concurrency: 10, pacing: 'lanes' },
  { kind: CASES, count: 200, quota: { rate: 2, burst: 10 }, concurrency: 10, pacing: 'backoff only' },
  { kind: CASES, count: 200, quota: { rate: 2, burst: 10 }, concurrency: 10, pacing: 'turns in Lambda' },
  { kind: CASES, count: 200, quota: { rate: 2, burst: 10 }, concurrency: 1000, pacing: 'lanes' },
  { kind: CASES, count: 200, quota: { rate: 2, burst: 10 }, concurrency: 1000, pacing: 'backoff only' },
  { kind: CASES, count: 200, quota: { rate: 2, burst: 10 }, concurrency: 1000, pacing: 'turns in Lambda' },
  { kind: FLOW_VERSIONS, count: 100, quota: { rate: 2, burst: 5 }, concurrency: 10, pacing: 'lanes' },
  { kind: FLOW_VERSIONS, count: 100, quota: { rate: 2, burst: 5 }, concurrency: 1000, pacing: 'lanes' },
  // Live traffic takes half the quota: the account serves 1/s, the stack was told 2/s.
  { kind: CASES, count: 200, quota: { rate: 1, burst: 10 }, toldRate: 2, concurrency: 10, pacing: 'lanes' },
  { kind: CASES, count: 200, quota: { rate: 1, burst: 10 }, toldRate: 2, concurrency: 10, pacing: 'backoff only' },
];

/** The deploy table's rows (also printed as they come). `only` keeps the runs whose pacing it names. */
export async function deploys(only?: Pacing): Promise<string[]> {
  const rows = [
    '| create (quota) | resources | account concurrency | pacing | answered SUCCESS once / discarded / failed | time ÷ floor (N ÷ quota rate) | peak executions | execution per resource | throttled calls per create | invocations per resource |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  console.log(rows.join('\n'));
  for (const run of RUNS.filter((r) => !only || r.pacing === only)) {
    const outcome = await deployOnce(run);
    const what = `${run.kind.operation} (${run.quota.rate}/s, burst ${run.quota.burst}${run.toldRate ? `; told ${run.toldRate}/s` : ''}) | ${run.count} | ${run.concurrency} | ${run.pacing === 'lanes' ? '**lanes**' : run.pacing}`;
    if (!outcome) {
      rows.push(`| ${what} | not run: commit ${TURNS_COMMIT} is not in this clone | | | | | |`);
      console.log(rows[rows.length - 1]);
      continue;
    }
    const { result, created, throttledPerCreate: throttled } = outcome;
    const once = result.resources.filter((r) => r.status === 'complete' && new Set(r.answers.map((a) => JSON.stringify(a))).size === 1).length;
    const failed = result.resources.filter((r) => r.status === 'failed' || r.status === 'timed out').length;
    const floor = run.count / run.quota.rate;
    const finished = result.resources.every((r) => r.status === 'complete');
    rows.push(
      `| ${what} | ${once} / ${result.discarded} / ${failed}${created !== once ? ` (${created} created)` : ''} | ${finished ? `${(result.seconds / floor).toFixed(2)}×` : `stack failed after ${result.seconds.toFixed(0)} s`} | ${result.peakExecutions} | ${(result.executionSeconds / run.count).toFixed(1)} s | ${throttled.toFixed(2)} | ${(result.invocations / run.count).toFixed(2)} |`,
    );
    console.log(rows[rows.length - 1]);
  }
  return rows;
}
