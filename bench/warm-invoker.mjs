// Keeps one handler process warm and times each event: one JSON event per stdin line in, one
// {"ms": ...} line per event out. The bundle is loaded once, as in a warm Lambda container.
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const { handler } = await import(pathToFileURL(resolve('assets/handler/index.mjs')).href);
const context = { invokedFunctionArn: 'arn:aws:lambda:us-west-2:111122223333:function:f', getRemainingTimeInMillis: () => 300_000 };
const log = console.log;
console.log = () => undefined; // the handler's own log lines are not what is measured
for await (const line of createInterface({ input: process.stdin })) {
  const started = process.hrtime.bigint();
  await handler(JSON.parse(line), context);
  log(JSON.stringify({ ms: Number(process.hrtime.bigint() - started) / 1e6 }));
}
