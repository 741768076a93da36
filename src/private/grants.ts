import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationCode, ValidationError } from './validation-error';

/**
 * Refuses what a grant of one service cannot hold: an action of another service, or one with a
 * wildcard. Grants name the exact actions a grantee calls; `example` shows the form
 * (`connect:StartOutboundVoiceContact`), its prefix the service.
 */
export function checkGrantActions(scope: IConstruct, method: string, service: string, example: string, actions: readonly string[]): void {
  const prefix = example.slice(0, example.indexOf(':') + 1);
  const wrong = actions.filter((action) => !Token.isUnresolved(action) && !(action.startsWith(prefix) && /^[A-Za-z]+$/.test(action.slice(prefix.length))));
  if (wrong.length > 0) {
    throw new ValidationError(ValidationCode.SPEC, method, scope, [`actions must be ${service} actions without wildcards, such as "${example}" (got ${wrong.map((a) => JSON.stringify(a)).join(', ')})`]);
  }
}
