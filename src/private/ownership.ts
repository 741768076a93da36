import { Aws, Fn } from 'aws-cdk-lib';
import { OWNER_TAG_KEY } from '../contract';

/**
 * The value pattern of the ownership tag for every resource of the current stack:
 * `<stack UUID>/*` (the handler tags what it creates with `<stack UUID>/<logical id>`; see
 * src/handler/ownership.ts). The UUID is the third `/`-separated part of `AWS::StackId`
 * (`arn:…:stack/<name>/<uuid>`).
 */
function ownedByStack(): string {
  return `${Fn.select(2, Fn.split('/', Aws.STACK_ID))}/*`;
}

/**
 * The condition that limits an action to resources carrying this stack's ownership tag
 * (`aws:ResourceTag/<key>`; documented for Connect instances and contact evaluations and for
 * Cases cases in the Service Authorization Reference). A forged Delete then cannot delete a
 * resource of another stack even if the handler's own check were bypassed.
 */
export function ownedByThisStack(): Record<string, Record<string, string>> {
  return { StringLike: { [`aws:ResourceTag/${OWNER_TAG_KEY}`]: ownedByStack() } };
}

/**
 * The condition that limits a create to requests carrying this stack's ownership tag
 * (`aws:RequestTag/<key>`; documented for connect:CreateInstance).
 */
export function taggedForThisStack(): Record<string, Record<string, string>> {
  return { StringLike: { [`aws:RequestTag/${OWNER_TAG_KEY}`]: ownedByStack() } };
}
