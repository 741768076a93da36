// Runs the built handler bundle once, as Lambda would: the event comes in the HANDLER_EVENT
// environment variable, the remaining time in REMAINING_MS. Log lines go to stdout.
// HANDLER_BUNDLE names another bundle (the bench runs an earlier release's).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const bundle = resolve(process.env.HANDLER_BUNDLE ?? 'assets/handler/index.mjs');
const { handler } = await import(pathToFileURL(bundle).href);
const deadline = Date.now() + Number(process.env.REMAINING_MS ?? 300_000);
await handler(JSON.parse(process.env.HANDLER_EVENT), {
  invokedFunctionArn: process.env.FUNCTION_ARN,
  getRemainingTimeInMillis: () => deadline - Date.now(),
});
