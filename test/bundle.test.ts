/**
 * The handler bundle (scripts/bundle-handler.mjs) as a cold start loads it: each type's chunk
 * holds only the SDK schemas its calls reach, and node:http comes through require(). The time
 * these save is measured by `npm run bench` (BENCHMARKS.md, Handler cold start); here, that the
 * bundle keeps its shape.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleMeta, filesLoadedBy } from './support/bundle';
import { ROOT } from './support/cloudformation';

const meta = bundleMeta();
const files = Object.keys(meta.outputs).filter((f) => f.endsWith('.mjs'));
const text = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

test('the Connect client brings the schemas of the operations the handler calls, not the service\'s 400', () => {
  const bundle = files.map(text).join('\n');
  for (const called of ['CreateInstance', 'CreateContactFlowVersion', 'StartContactEvaluation', 'CreateCase', 'CreateEngagementContext']) expect(bundle).toContain(`"${called}"`);
  for (const never of ['CreateUser', 'StartOutboundVoiceContact', 'SearchContacts', 'BatchGetCaseRule']) expect(bundle).not.toContain(`"${never}"`);
});

test.each([
  ['src/handler/resources/contact-evaluation.ts', 300],
  ['src/handler/resources/case.ts', 300],
])('an event of %s loads less than %i KiB', (source, kib) => {
  const bytes = filesLoadedBy(source, meta).reduce((sum, f) => sum + meta.outputs[f].bytes, 0);
  expect(bytes / 1024).toBeLessThan(kib);
});

test('node:http and node:https are never imported as ES modules (on Node.js 24 that loads undici too)', () => {
  for (const file of files) expect(text(file)).not.toMatch(/from\s*["'](node:)?https?["']/);
});
