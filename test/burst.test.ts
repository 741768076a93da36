/**
 * Many resources created at once: concurrent creates — one handler process each, as Lambda runs
 * them, all started together behind a gate — against fakes whose create operation is a token
 * bucket (rate, burst). Every event must be answered SUCCESS exactly once, with one resource
 * each. The 200-create bursts and the comparison of retry pacings are in `npm run bench`
 * (BENCHMARKS.md, "Bursts"); these smaller ones keep the suite fast.
 */
import { CASE_BURST, EVALUATION_BURST, runBurst, BurstResult } from './support/burst';

function expectExactlyOnceSuccess(result: BurstResult, count: number): void {
  const answers = result.deliveries.map((d) => d.answer); // throws unless each event got exactly one answer (PUT again or not)
  expect(answers.filter((a) => a.Status !== 'SUCCESS')).toEqual([]);
  expect(new Set(answers.map((a) => a.PhysicalResourceId)).size).toBe(count);
  expect(result.resources).toBe(count); // no duplicates: one resource per client token
}

test('40 Case creates against 10/s (burst 10), spread by what the stack tells the handler, all succeed once with few throttles', async () => {
  const result = await runBurst(CASE_BURST, { count: 40, rate: 10 });

  expectExactlyOnceSuccess(result, 40);
  // All at once, 30 of the 40 first calls would find the bucket empty (the test below).
  expect(result.throttledPerCreate).toBeLessThan(0.5);
  console.log(`burst: 40 cases in ${result.seconds.toFixed(1)} s (${result.overFloor.toFixed(2)}× the floor), ${result.throttledPerCreate.toFixed(2)} throttled calls per create`);
}, 180_000);

test('the same burst from a stack that tells the handler nothing starts at once, is throttled and still succeeds once', async () => {
  const result = await runBurst(CASE_BURST, { count: 40, rate: 10, toldRate: false });

  expectExactlyOnceSuccess(result, 40);
  expect(result.throttledPerCreate).toBeGreaterThanOrEqual(0.75);
}, 180_000);

test("12 evaluation starts against Connect's 2/s (burst 5) hand over where an invocation runs out, and all succeed once", async () => {
  // 14 s per invocation leaves 4 s before the safety margin, and the spread takes 6.6 s: the later
  // starts hand over, and their continuations wait only for what is left of their turn.
  const result = await runBurst(EVALUATION_BURST, { count: 12, rate: 2, burst: 5, remainingMs: 14_000 });

  expectExactlyOnceSuccess(result, 12);
  expect(result.invocations).toBeGreaterThan(12);
  console.log(`burst: 12 evaluations in ${result.seconds.toFixed(1)} s, ${result.invocations - 12} hand-overs, ${result.throttledPerCreate.toFixed(2)} throttled calls per create`);
}, 180_000);
