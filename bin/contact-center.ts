#!/usr/bin/env node
/**
 * The example contact-center app: `npm run synth` synthesizes it into cdk.out, offline.
 */
import { App, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as cases from 'aws-cdk-lib/aws-cases';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import {
  Case,
  CaseField,
  CasePerformer,
  Catalog,
  ConnectInstance,
  ContactEvaluation,
  EngagementContext,
  EngagementContextPayload,
  EvaluationAnswer,
  EvaluationNote,
  FlowVersion,
  IdentityManagementType,
  Industry,
} from '../src';

/** A contact center: an Amazon Connect instance and what the team builds on it. */
export class ContactCenterStack extends Stack {
  public readonly instance: ConnectInstance;
  public readonly refundCase: Case;
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

    // A quality form, active so that evaluations can start with it, and one evaluation of a
    // contact (pass `-c contactId=<id>` for a real contact of the instance).
    const form = new connect.CfnEvaluationForm(this, 'QualityForm', {
      instanceArn: this.instance.instanceArn,
      title: 'Call quality',
      status: 'ACTIVE',
      items: [
        {
          section: {
            refId: 'opening',
            title: 'Opening',
            items: [
              {
                question: {
                  refId: 'greeting',
                  title: 'Did the agent greet the customer by name?',
                  questionType: 'SINGLESELECT',
                  notApplicableEnabled: true,
                  questionTypeProperties: {
                    singleSelect: { options: [{ refId: 'yes', text: 'Yes' }, { refId: 'no', text: 'No' }] },
                  },
                },
              },
              {
                question: {
                  refId: 'clarity',
                  title: 'How clear was the agent (1–5)?',
                  questionType: 'NUMERIC',
                  questionTypeProperties: { numeric: { minValue: 1, maxValue: 5 } },
                },
              },
            ],
          },
        },
      ],
    });
    new ContactEvaluation(this, 'FirstCallReview', {
      instance: this.instance,
      contactId: this.node.tryGetContext('contactId') ?? '3f2a1c9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      evaluationFormId: form.attrEvaluationFormArn,
      answers: [EvaluationAnswer.option('greeting', 'yes'), EvaluationAnswer.number('clarity', 4)],
      notes: [EvaluationNote.forItem('opening', 'Friendly and quick to the point.')],
      submit: true,
      tags: { team: 'quality' },
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
