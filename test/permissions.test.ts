/**
 * The handler's permissions, statement by statement, against the table in docs/permissions.md
 * (which cites the documentation for each row), for the example app, which uses every construct.
 * A grant added, removed or widened without the table following fails here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../bin/contact-center';

const TABLE = path.join(__dirname, '..', 'docs', 'permissions.md');

/** A CloudFormation value as text: `${Ref}`, `${Resource.Attribute}` (logical ids without their hash), joins joined. */
function text(node: unknown): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  const value = node as Record<string, any>;
  if (value['Fn::Join']) return value['Fn::Join'][1].map(text).join(value['Fn::Join'][0]);
  if (value['Fn::GetAtt']) return `\${${value['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, '')}.${value['Fn::GetAtt'][1]}}`;
  if (value.Ref) return `\${${value.Ref}}`;
  // A part of a value (the UUID of the stack id, the id in an ARN): named after what it is cut from.
  if (value['Fn::Select']) {
    const inner = JSON.stringify(value);
    if (inner.includes('AWS::StackId')) return '${stack UUID}';
    const att = /"Fn::GetAtt":\["([^"]+)","([^"]+)"\]/.exec(inner);
    if (att) return `\${${att[1].replace(/[0-9A-F]{8}$/, '')}.${att[2]}}`;
  }
  return JSON.stringify(node);
}

/** One row per statement and resource: actions | resource | condition. */
function synthesizedRows(): string[] {
  const stack = buildApp().node.findChild('ContactCenter') as Stack;
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  expect(policies).toHaveLength(1);
  const rows: string[] = [];
  for (const statement of policies[0].Properties.PolicyDocument.Statement) {
    const actions = [statement.Action].flat().join(', ');
    const condition = Object.entries(statement.Condition ?? {})
      .flatMap(([operator, keys]) => Object.entries(keys as object).map(([key, v]) => `${operator} ${key} = ${text(v)}`))
      .join('; ');
    for (const resource of [statement.Resource].flat()) rows.push([actions, text(resource), condition || '—'].join(' | '));
  }
  return rows.sort();
}

/** The rows of the table: its first three columns, with the code marks taken off. */
function documentedRows(): { rows: string[]; sources: string[] } {
  const lines = fs.readFileSync(TABLE, 'utf8').split('\n').filter((l) => /^\| `/.test(l));
  const cells = lines.map((l) => l.split(' | ').map((c) => c.replace(/^\| /, '').replace(/ \|$/, '').replace(/`/g, '').trim()));
  return { rows: cells.map((c) => c.slice(0, 3).join(' | ')).sort(), sources: cells.map((c) => c[3] ?? '') };
}

let synthesized: string[];
beforeAll(() => {
  synthesized = synthesizedRows();
});

test('every statement of the handler policy is in docs/permissions.md, and nothing else', () => {
  expect(documentedRows().rows).toEqual(synthesized);
});

test('every row of the table cites its source', () => {
  for (const source of documentedRows().sources) expect(source).toMatch(/https:\/\/docs\.aws\.amazon\.com\/|assumed/i);
});

test('no delete is granted on "*" without a condition', () => {
  for (const row of synthesized) {
    const [actions, resource, condition] = row.split(' | ');
    if (/:Delete/.test(actions) && resource === '*') expect(condition).not.toBe('—');
  }
});
