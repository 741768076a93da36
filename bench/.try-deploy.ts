import { Duration } from 'aws-cdk-lib';
import { CASES, EVALUATIONS, FLOW_VERSIONS, deployStack, scaledLatencies, withoutLanes } from '../test/support/deploy';
const kinds: any = { CASES, EVALUATIONS, FLOW_VERSIONS };
(async () => {
  const [kind, count, rate, burst, conc, scale, nested, lanes, turnaround] = process.argv.slice(2);
  const t0 = Date.now();
  const { result, created, throttledPerCreate } = await deployStack(kinds[kind], +count, { quota: { rate: +rate, burst: +burst }, concurrency: +conc, latencies: scaledLatencies(+scale), nested: nested === '-' ? undefined : +nested, template: lanes === 'no' ? withoutLanes : undefined, options: turnaround ? { resourceTurnaround: Duration.seconds(+turnaround) } : {} });
  const total = +count * (nested === '-' ? 1 : +nested);
  console.log(JSON.stringify({ kind, turnaround, scale, total, overFloor: +(result.seconds / (total / +rate)).toFixed(3), seconds: result.seconds, peakExec: result.peakExecutions, peakInFlight: result.peakInFlight, execPer: +(result.executionSeconds / total).toFixed(2), throttledPerCreate: +throttledPerCreate.toFixed(2), created, discarded: result.discarded, notComplete: result.resources.filter(r => r.status !== 'complete').length, wall: (Date.now() - t0) / 1000 }));
})();
