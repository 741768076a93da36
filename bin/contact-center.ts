#!/usr/bin/env node
/**
 * The example contact-center app: `npm run synth` synthesizes it into cdk.out, offline.
 */
import { App, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { ConnectInstance, FlowVersion, IdentityManagementType } from '../lib';

/** A contact center: an Amazon Connect instance and what the team builds on it. */
export class ContactCenterStack extends Stack {
  public readonly instance: ConnectInstance;
  public readonly campaignFlowVersion: FlowVersion;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    this.instance = new ConnectInstance(this, 'Instance', {
      identityManagementType: IdentityManagementType.CONNECT_MANAGED,
      instanceAlias: this.node.tryGetContext('instanceAlias') ?? 'example-contact-center',
      inboundCallsEnabled: true,
      outboundCallsEnabled: true,
      tags: { team: 'contact-center' },
    });

    // An outbound campaign's flow, and a published version of it for the campaign to point at.
    const campaignFlow = new connect.CfnContactFlow(this, 'CampaignFlow', {
      instanceArn: this.instance.instanceArn,
      name: 'Spring campaign',
      type: 'CAMPAIGN',
      content: JSON.stringify({
        Version: '2019-10-30',
        StartAction: 'disconnect',
        Actions: [{ Identifier: 'disconnect', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }],
      }),
    });
    this.campaignFlowVersion = new FlowVersion(this, 'CampaignFlowVersion', {
      instance: this.instance,
      contactFlowId: campaignFlow.attrContactFlowArn,
      description: 'Spring campaign, first wave',
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
