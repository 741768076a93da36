/** Each of the five constructs, made with valid props, for tests that hold for all of them. */
import { App, Resource, Stack } from 'aws-cdk-lib';
import {
  Case,
  Catalog,
  ConnectInstance,
  ContactEvaluation,
  EngagementContext,
  EngagementContextPayload,
  ContactFlowVersion,
  Industry,
} from '../../src';

export const ACCOUNT = '111122223333';
export const REGION = 'us-west-2';
export const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/0f5c3b1e-aaaa-bbbb-cccc-1234567890ab`;
export const PROFILE = `arn:aws:profile:${REGION}:${ACCOUNT}:domains/support-customers/profiles/3f1e2d3c4b5a`;
export const ENGAGEMENT_ARN = 'arn:aws:partnercentral:us-east-1::catalog/Sandbox/engagement/eng-0123456789abcd';

/** A stack in a known account and region. */
export function stack(env: { account?: string; region?: string } = { account: ACCOUNT, region: REGION }): Stack {
  return new Stack(new App(), 'Stack', { env });
}

/** A valid engagement context payload. */
export const CUSTOMER_PROJECT = EngagementContextPayload.customerProject({
  customer: { companyName: 'Example Corp', countryCode: 'US', industry: Industry.SOFTWARE_INTERNET, websiteUrl: 'https://www.example.com' },
  project: { title: 'Migration', businessProblem: 'Move 400 agents to Amazon Connect by spring.', targetCompletionDate: new Date('2027-03-31') },
});

/** One way to make each of the five constructs with valid props. */
export const CONSTRUCTS: { [name: string]: (s: Stack, id?: string) => Resource } = {
  ConnectInstance: (s, id = 'It') =>
    new ConnectInstance(s, id, {
      instanceAlias: 'corp-support',
      inboundCallsEnabled: true,
      outboundCallsEnabled: false,
    }),
  ContactFlowVersion: (s, id = 'It') =>
    new ContactFlowVersion(s, id, {
      instance: ConnectInstance.fromInstanceArn(s, `${id}Instance`, INSTANCE_ARN),
      contactFlow: `${INSTANCE_ARN}/contact-flow/9d2f4c1a-1111-2222-3333-444455556666`,
    }),
  ContactEvaluation: (s, id = 'It') =>
    new ContactEvaluation(s, id, {
      instance: ConnectInstance.fromInstanceArn(s, `${id}Instance`, INSTANCE_ARN),
      contactId: 'c0ffee00-1234-4abc-8def-0123456789ab',
      evaluationForm: '9d3c6f0a-1111-2222-3333-444455556666',
    }),
  Case: (s, id = 'It') =>
    new Case(s, id, { domain: 'domain-1', template: 'template-1', title: 'Refund', customer: PROFILE }),
  EngagementContext: (s, id = 'It') =>
    new EngagementContext(s, id, {
      catalog: Catalog.SANDBOX,
      engagementIdentifier: 'eng-0123456789abcd',
      payload: CUSTOMER_PROJECT,
    }),
};
