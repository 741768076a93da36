#!/usr/bin/env node
/**
 * The example contact-center app: `npm run synth` synthesizes it into cdk.out, offline.
 */
import { App, Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Catalog, ConnectInstance, EngagementContext, EngagementContextPayload, IdentityManagementType, Industry } from '../lib';

/** A contact center: an Amazon Connect instance and what the team builds on it. */
export class ContactCenterStack extends Stack {
  public readonly instance: ConnectInstance;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    this.instance = new ConnectInstance(this, 'Instance', {
      identityManagementType: IdentityManagementType.CONNECT_MANAGED,
      instanceAlias: this.node.tryGetContext('instanceAlias') ?? 'example-contact-center',
      inboundCallsEnabled: true,
      outboundCallsEnabled: true,
      tags: { team: 'contact-center' },
    });

    // The customer project behind the contact center, shared with the members of a Partner
    // Central engagement (Sandbox catalog: the example touches no production data).
    new EngagementContext(this, 'EngagementContext', {
      catalog: Catalog.SANDBOX,
      engagementIdentifier: this.node.tryGetContext('engagementId') ?? 'eng-example0000001',
      payload: EngagementContextPayload.customerProject({
        customer: {
          companyName: 'Example Corp',
          countryCode: 'US',
          industry: Industry.SOFTWARE_INTERNET,
          websiteUrl: 'https://www.example.com',
        },
        project: {
          title: 'Contact center on Amazon Connect',
          businessProblem: 'Move 400 support agents from the on-premises call center to Amazon Connect.',
          targetCompletionDate: '2027-03-31',
        },
      }),
    });
  }
}

/** Builds the example app; the tests synthesize the same app. */
export function buildApp(app = new App()): App {
  const stack = new ContactCenterStack(app, 'ContactCenter');
  Tags.of(stack).add('project', 'cdk-connect-resources-example');
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
