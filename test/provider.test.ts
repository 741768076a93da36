import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ConnectResourcesProvider } from '../src/private/provider';

const statement = (actions: string[], resources: string[]) => new iam.PolicyStatement({ actions, resources });

test('the provider is a singleton per stack', () => {
  const stack = new Stack(new App(), 'S');
  expect(ConnectResourcesProvider.of(stack)).toBe(ConnectResourcesProvider.of(stack));
});

test('a wildcard resource without a reason is refused', () => {
  const provider = ConnectResourcesProvider.of(new Stack(new App(), 'S'));
  expect(() => provider.grant([statement(['cases:GetCase'], ['*'])])).toThrow('AwsSolutions-IAM5[Resource::*] of the handler\'s policy needs a reason');
  expect(() => provider.grant([statement(['cases:GetCase'], ['*'])], { '*': 'a reason' })).not.toThrow();
});

test('wildcard actions are refused', () => {
  const provider = ConnectResourcesProvider.of(new Stack(new App(), 'S'));
  expect(() => provider.grant([statement(['cases:*'], ['arn:aws:cases:us-west-2:1:domain/d'])])).toThrow('never granted wildcard actions (got cases:*)');
});

test('the same statement granted twice appears once', () => {
  const stack = new Stack(new App(), 'S');
  const provider = ConnectResourcesProvider.of(stack);
  provider.grant([statement(['cases:GetCase'], ['arn:aws:cases:us-west-2:1:domain/d'])]);
  provider.grant([statement(['cases:GetCase'], ['arn:aws:cases:us-west-2:1:domain/d'])]);
  expect(provider.policy.document.statementCount).toBe(3);
});

test('statements that differ only in their resources are merged into one', () => {
  const stack = new Stack(new App(), 'S');
  const provider = ConnectResourcesProvider.of(stack);
  provider.grant([new iam.PolicyStatement({ sid: 'CasesInDomainA', actions: ['cases:GetCase'], resources: ['arn:aws:cases:us-west-2:1:domain/a'] })]);
  provider.grant([new iam.PolicyStatement({ sid: 'CasesInDomainB', actions: ['cases:GetCase'], resources: ['arn:aws:cases:us-west-2:1:domain/b'] })]);

  const statements = stack.resolve(provider.policy.document.toJSON()).Statement;
  expect(statements).toHaveLength(3);
  expect(statements[2]).toMatchObject({ Sid: 'CasesInDomainA', Action: 'cases:GetCase', Resource: ['arn:aws:cases:us-west-2:1:domain/a', 'arn:aws:cases:us-west-2:1:domain/b'] });
});
