import { IConstruct } from 'constructs';
import { ValidationCode, ValidationError } from './validation-error';

/**
 * The ARN of one resource type, written as users read it in the docs, with its variable parts in
 * angle brackets: `arn:<partition>:connect:<region>:<account>:instance/<instance id>`. Every
 * import checks a literal ARN against its resource's form: service, resource type and the number
 * of path segments all count (`…:queue/abc`, `…:instanc/abc` and `…:instance/abc/queue/x` name
 * no instance).
 */
export interface ArnForm {
  /** What the ARN names, for messages ("instance", "contact evaluation"). */
  readonly names: string;
  /** The form, with placeholders in angle brackets. */
  readonly form: string;
}

/** ARNs of a global service leave the region or the account empty; a form says so with `<none>`. */
const NONE = 'none';

/**
 * The parts of a literal ARN, by placeholder name, or an error naming the import's construct path,
 * the ARN given and the form expected.
 *
 * Matched by walking the form, not with a regular expression built from it: a placeholder takes
 * the characters up to the next "/" or ":" (which separate an ARN's parts) and at least one, a
 * `<version>` only digits without a leading zero; the text between placeholders must be there as
 * it is. Linear in the length of the ARN.
 */
export function parseArn(scope: IConstruct, method: string, arn: string, form: ArnForm): Record<string, string> {
  const parts = matchArn(arn, form);
  if (!parts) {
    throw new ValidationError(ValidationCode.ARN, method, scope, [`${quote(arn)} is not the ARN of ${article(form.names)} ${form.names}: expected ${form.form.replace(`<${NONE}>`, '')}`]);
  }
  return parts;
}

/** The parts of a literal ARN of the given form, by placeholder name; undefined when it is not of that form. */
export function matchArn(arn: string, { form }: ArnForm): Record<string, string> | undefined {
  const parts: Record<string, string> = {};
  let at = 0;
  let rest = form;
  while (rest.length > 0) {
    const open = rest.indexOf('<');
    const literal = open < 0 ? rest : rest.slice(0, open);
    if (!arn.startsWith(literal, at)) return undefined;
    at += literal.length;
    if (open < 0) break;
    const close = rest.indexOf('>', open);
    const name = rest.slice(open + 1, close);
    rest = rest.slice(close + 1);
    if (name === NONE) continue;
    let end = at;
    while (end < arn.length && arn[end] !== '/' && arn[end] !== ':') end++;
    const value = arn.slice(at, end);
    if (value.length === 0) return undefined;
    if (name === 'version' && !/^[1-9][0-9]*$/.test(value)) return undefined;
    parts[name] = value;
    at = end;
  }
  return at === arn.length ? parts : undefined;
}

/** The ARN as given, in quotes; cut after 200 characters (an ARN has at most 2048). */
function quote(arn: string): string {
  return JSON.stringify(arn.length > 200 ? `${arn.slice(0, 197)}...` : arn);
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? 'an' : 'a';
}
