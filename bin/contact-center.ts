#!/usr/bin/env node
/**
 * The example contact-center app: `npm run synth` synthesizes it into cdk.out, offline.
 */
import { App, RemovalPolicy, Stack, StackProps, Tags, Validations } from 'aws-cdk-lib';
import * as cases from 'aws-cdk-lib/aws-cases';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
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
  ContactFlowVersion,
  Industry,
} from '../src';

/** A contact center: an Amazon Connect instance and what the team builds on it. */
export class ContactCenterStack extends Stack {
  public readonly instance: ConnectInstance;
  public readonly refundCase: Case;
  public readonly campaignFlowVersion: ContactFlowVersion;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    // As `cdk init` sets it for new apps: S3 log delivery allowed by a bucket policy, not an ACL.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    // Users managed in Connect, inbound and outbound calls: the defaults, as in the console.
    this.instance = new ConnectInstance(this, 'Instance', {
      instanceAlias: this.node.tryGetContext('instanceAlias') ?? 'example-contact-center',
      contactflowLogsEnabled: true,
      contactLensEnabled: true,
      earlyMediaEnabled: true,
      multiPartyConferenceEnabled: true,
      tags: { team: 'contact-center' },
    });

    // What a contact center adds next to its instance, with aws-cdk-lib's own L1s. Each of them
    // takes the instance as `IInstanceRef | string`: the instance's ARN, as their
    // CloudFormation references document (InstanceArn / InstanceId: "the ARN of the instance").
    const recordingsKey = new kms.Key(this, 'RecordingsKey', {
      description: 'Encrypts the call recordings of the contact center',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // S3 server access logs cannot go to a bucket encrypted with a KMS key: their own bucket.
    const accessLogs = new s3.Bucket(this, 'RecordingsAccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const recordings = new s3.Bucket(this, 'Recordings', {
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'recordings/',
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: recordingsKey,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new connect.CfnInstanceStorageConfig(this, 'CallRecordingsStorage', {
      instanceArn: this.instance,
      resourceType: 'CALL_RECORDINGS',
      storageType: 'S3',
      s3Config: {
        bucketName: recordings.bucketName,
        bucketPrefix: 'call-recordings',
        encryptionConfig: { encryptionType: 'KMS', keyId: recordingsKey.keyArn },
      },
    });

    // A Lambda function the instance's flows may invoke: associated with the instance, and
    // allowed to be invoked by Connect on behalf of this instance only.
    const lookup = new lambda.Function(this, 'CustomerLookup', {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ tier: "gold" });'),
      description: 'Looks up the caller for the contact flows',
    });
    // The acknowledgement as the metadata `Validations.acknowledge` writes from aws-cdk-lib 2.269.0
    // on (which cdk-nag reads): before 2.269.0, `acknowledge` rejects ids containing '::', and
    // the library's peer range starts at 2.258.0.
    lookup.role!.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, {
      'Annotation::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        "AWSLambdaBasicExecutionRole grants only the function's own CloudWatch Logs writes, which is all the lookup function needs",
    });
    lookup.addPermission('InvokedByConnect', {
      principal: new iam.ServicePrincipal('connect.amazonaws.com'),
      sourceAccount: this.account,
      sourceArn: this.instance.instanceArn,
    });
    new connect.CfnIntegrationAssociation(this, 'CustomerLookupIntegration', {
      instanceId: this.instance,
      integrationType: 'LAMBDA_FUNCTION',
      integrationArn: lookup.functionArn,
    });

    // The website that embeds the contact center's chat widget.
    new connect.CfnApprovedOrigin(this, 'WebsiteOrigin', {
      instanceId: this.instance,
      origin: 'https://www.example.com',
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
          targetCompletionDate: new Date('2027-03-31'),
        },
      }),
    });

    // A quality form, active so that evaluations can start with it, and one evaluation of a
    // contact (pass `-c contactId=<id>` for a real contact of the instance).
    const form = new connect.CfnEvaluationForm(this, 'QualityForm', {
      instanceArn: this.instance,
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
      evaluationForm: form,
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
      domain: casesDomain,
      template: refunds,
      title: 'Refund for order 1001',
      customer: customerProfileArn,
      fields: [CaseField.number(refundAmount.attrFieldId, 42.5)],
      performedBy: CasePerformer.customEntity('contact-center-pipeline'),
      tags: { team: 'contact-center' },
    });

    // An outbound campaign's flow, and a published version of it for the campaign to point at.
    const campaignFlow = new connect.CfnContactFlow(this, 'CampaignFlow', {
      instanceArn: this.instance,
      name: 'Spring campaign',
      type: 'CAMPAIGN',
      content: JSON.stringify({
        Version: '2019-10-30',
        StartAction: 'disconnect',
        Actions: [{ Identifier: 'disconnect', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }],
      }),
    });
    this.campaignFlowVersion = new ContactFlowVersion(this, 'CampaignFlowVersion', {
      instance: this.instance,
      contactFlow: campaignFlow,
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
