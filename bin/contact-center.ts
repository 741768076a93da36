#!/usr/bin/env node
/**
 * The example contact-center app: `npm run synth` synthesizes it into cdk.out, offline.
 */
import { App, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as cases from 'aws-cdk-lib/aws-cases';
import { Construct } from 'constructs';
import { Case, CaseField, CasePerformer, ConnectInstance, IdentityManagementType } from '../lib';

/** A contact center: an Amazon Connect instance and what the team builds on it. */
export class ContactCenterStack extends Stack {
  public readonly instance: ConnectInstance;
  public readonly refundCase: Case;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    this.instance = new ConnectInstance(this, 'Instance', {
      identityManagementType: IdentityManagementType.CONNECT_MANAGED,
      instanceAlias: this.node.tryGetContext('instanceAlias') ?? 'example-contact-center',
      inboundCallsEnabled: true,
      outboundCallsEnabled: true,
      tags: { team: 'contact-center' },
    });

    // Cases: a domain, a custom field, a template, and a case opened at deploy time.
    const casesDomain = new cases.CfnDomain(this, 'CasesDomain', { name: 'example-contact-center' });
    const refundAmount = new cases.CfnField(this, 'RefundAmountField', {
      domainId: casesDomain.attrDomainId,
      name: 'Refund amount',
      type: 'Number',
    });
    const refunds = new cases.CfnTemplate(this, 'RefundTemplate', {
      domainId: casesDomain.attrDomainId,
      name: 'Refund',
      status: 'Active',
      requiredFields: [{ fieldId: refundAmount.attrFieldId }],
    });
    const customerProfileArn: string =
      this.node.tryGetContext('customerProfileArn') ??
      this.formatArn({ service: 'profile', resource: 'domains', resourceName: 'example-customers/profiles/0123456789abcdef0123456789abcdef' });
    this.refundCase = new Case(this, 'RefundCase', {
      domainId: casesDomain.attrDomainId,
      templateId: refunds.attrTemplateId,
      fields: [
        CaseField.title('Refund for order 1001'),
        CaseField.customerId(customerProfileArn),
        CaseField.number(refundAmount.attrFieldId, 42.5),
      ],
      performedBy: CasePerformer.customEntity('contact-center-pipeline'),
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
