// Runs the built handler bundle once, as Lambda would: the event comes in the HANDLER_EVENT
// environment variable, the remaining time in REMAINING_MS. Log lines go to stdout.
// HANDLER_BUNDLE names another bundle (the bench runs an earlier release's). The process ends as
// the invocation does, when the handler's promise settles.
//
// TIME_SCALE (with TIME_BASE, epoch ms) runs the handler's clock that many times faster than the
// machine's, from TIME_BASE on: Date.now() and every setTimeout, the SDK's included. The handler's
// own logic runs unchanged; only waiting takes less real time. The invocation then also ends at
// its deadline, as Lambda ends one at the function's timeout (exit code 1, an invocation error).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const scale = Number(process.env.TIME_SCALE ?? 1);
if (scale !== 1) {
  const base = Number(process.env.TIME_BASE);
  const realNow = Date.now;
  const realSetTimeout = globalThis.setTimeout;
  Date.now = () => Math.round(base + (realNow() - base) * scale);
  globalThis.setTimeout = (callback, ms = 0, ...args) => realSetTimeout(callback, ms / scale, ...args);
}

const bundle = resolve(process.env.HANDLER_BUNDLE ?? 'assets/handler/index.mjs');
const { handler } = await import(pathToFileURL(bundle).href);
const remaining = Number(process.env.REMAINING_MS ?? 300_000);
const deadline = Date.now() + remaining;
if (scale !== 1) setTimeout(() => process.exit(1), remaining).unref();
await handler(JSON.parse(process.env.HANDLER_EVENT), {
  invokedFunctionArn: process.env.FUNCTION_ARN,
  getRemainingTimeInMillis: () => deadline - Date.now(),
});
// The invocation ends when the handler's promise settles: what the handler abandoned (a call
// still waiting for its reply) does not run on, as Lambda freezes the execution environment.
process.exit(0);
