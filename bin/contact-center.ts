#!/usr/bin/env node
/**
 * The example contact-center app: `npm run synth` synthesizes it into cdk.out, offline.
 */
import { App, Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ConnectInstance, IdentityManagementType } from '../lib';

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
