// Runs the built handler bundle once, as Lambda would: the event comes in the HANDLER_EVENT
// environment variable, the remaining time in REMAINING_MS. Log lines go to stdout.
//
// With HANDLER_GATE=1 the process loads the bundle (and the modules in HANDLER_PRELOAD, comma
// separated), prints "ready" and waits for a line on stdin before it handles the event: bursts
// start every process together however long the machine takes to start them.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const bundle = resolve(process.env.HANDLER_BUNDLE ?? 'assets/handler/index.mjs');
const { handler } = await import(pathToFileURL(bundle).href);
if (process.env.HANDLER_GATE === '1') {
  for (const module of (process.env.HANDLER_PRELOAD ?? '').split(',').filter(Boolean)) await import(pathToFileURL(resolve(module)).href);
  const lines = createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  await new Promise((go) => lines.once('line', go));
  lines.close();
}
const deadline = Date.now() + Number(process.env.REMAINING_MS ?? 300_000);
await handler(JSON.parse(process.env.HANDLER_EVENT), {
  invokedFunctionArn: process.env.FUNCTION_ARN,
  getRemainingTimeInMillis: () => deadline - Date.now(),
});
