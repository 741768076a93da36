#!/usr/bin/env python3
"""The example contact-center app (bin/contact-center.ts) in Python: `CDK_OUTDIR=cdk.out python app.py`."""
import datetime
import json

import aws_cdk as cdk
from aws_cdk import aws_cases as cases
from aws_cdk import aws_connect as connect
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3
from constructs import Construct

from cdk_connect_resources import (
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
)


class ContactCenterStack(cdk.Stack):
    def __init__(self, scope: Construct, id: str, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)
        self.node.set_context("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", True)

        # Users managed in Connect, inbound and outbound calls: the defaults, as in the console.
        instance = ConnectInstance(
            self, "Instance",
            instance_alias=self.node.try_get_context("instanceAlias") or "example-contact-center",
            contactflow_logs_enabled=True,
            contact_lens_enabled=True,
            early_media_enabled=True,
            multi_party_conference_enabled=True,
            tags={"team": "contact-center"},
        )

        recordings_key = kms.Key(self, "RecordingsKey", description="Encrypts the call recordings of the contact center",
                                 enable_key_rotation=True, removal_policy=cdk.RemovalPolicy.RETAIN)
        access_logs = s3.Bucket(self, "RecordingsAccessLogs", encryption=s3.BucketEncryption.S3_MANAGED,
                                block_public_access=s3.BlockPublicAccess.BLOCK_ALL, enforce_ssl=True,
                                removal_policy=cdk.RemovalPolicy.RETAIN)
        recordings = s3.Bucket(self, "Recordings", server_access_logs_bucket=access_logs,
                               server_access_logs_prefix="recordings/", encryption=s3.BucketEncryption.KMS,
                               encryption_key=recordings_key, block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
                               enforce_ssl=True, versioned=True, removal_policy=cdk.RemovalPolicy.RETAIN)
        connect.CfnInstanceStorageConfig(
            self, "CallRecordingsStorage",
            instance_arn=instance,
            resource_type="CALL_RECORDINGS",
            storage_type="S3",
            s3_config=connect.CfnInstanceStorageConfig.S3ConfigProperty(
                bucket_name=recordings.bucket_name,
                bucket_prefix="call-recordings",
                encryption_config=connect.CfnInstanceStorageConfig.EncryptionConfigProperty(
                    encryption_type="KMS", key_id=recordings_key.key_arn),
            ),
        )

        lookup = lambda_.Function(self, "CustomerLookup", runtime=lambda_.Runtime.NODEJS_24_X,
                                  architecture=lambda_.Architecture.ARM_64, handler="index.handler",
                                  code=lambda_.Code.from_inline('exports.handler = async () => ({ tier: "gold" });'),
                                  description="Looks up the caller for the contact flows")
        # Validations.acknowledge rejects ids containing '::' before aws-cdk-lib 2.269.0: the metadata it writes.
        lookup.role.node.add_metadata(cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY, {
            "Annotation::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]":
                "AWSLambdaBasicExecutionRole grants only the function's own CloudWatch Logs writes, which is all the lookup function needs",
        })
        lookup.add_permission("InvokedByConnect", principal=iam.ServicePrincipal("connect.amazonaws.com"),
                              source_account=self.account, source_arn=instance.instance_arn)
        connect.CfnIntegrationAssociation(self, "CustomerLookupIntegration", instance_id=instance,
                                          integration_type="LAMBDA_FUNCTION", integration_arn=lookup.function_arn)
        connect.CfnApprovedOrigin(self, "WebsiteOrigin", instance_id=instance, origin="https://www.example.com")

        EngagementContext(
            self, "EngagementContext",
            catalog=Catalog.SANDBOX,
            engagement_identifier=self.node.try_get_context("engagementId") or "eng-example0000001",
            payload=EngagementContextPayload.customer_project(
                customer={
                    "company_name": "Example Corp",
                    "country_code": "US",
                    "industry": Industry.SOFTWARE_INTERNET,
                    "website_url": "https://www.example.com",
                },
                project={
                    "title": "Contact center on Amazon Connect",
                    "business_problem": "Move 400 support agents from the on-premises call center to Amazon Connect.",
                    "target_completion_date": datetime.datetime(2027, 3, 31, tzinfo=datetime.timezone.utc),
                },
            ),
        )

        form = connect.CfnEvaluationForm(
            self, "QualityForm",
            instance_arn=instance,
            title="Call quality",
            status="ACTIVE",
            items=[{
                "section": {
                    "refId": "opening",
                    "title": "Opening",
                    "items": [
                        {"question": {
                            "refId": "greeting",
                            "title": "Did the agent greet the customer by name?",
                            "questionType": "SINGLESELECT",
                            "notApplicableEnabled": True,
                            "questionTypeProperties": {"singleSelect": {"options": [
                                {"refId": "yes", "text": "Yes"}, {"refId": "no", "text": "No"}]}},
                        }},
                        {"question": {
                            "refId": "clarity",
                            "title": "How clear was the agent (1\u20135)?",
                            "questionType": "NUMERIC",
                            "questionTypeProperties": {"numeric": {"minValue": 1, "maxValue": 5}},
                        }},
                    ],
                },
            }],
        )
        ContactEvaluation(
            self, "FirstCallReview",
            instance=instance,
            contact_id=self.node.try_get_context("contactId") or "3f2a1c9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
            evaluation_form=form,
            answers=[EvaluationAnswer.option("greeting", "yes"), EvaluationAnswer.number("clarity", 4)],
            notes=[EvaluationNote.for_item("opening", "Friendly and quick to the point.")],
            submit=True,
            tags={"team": "quality"},
        )

        domain = cases.CfnDomain(self, "CasesDomain", name="example-contact-center")
        refund_amount = cases.CfnField(self, "RefundAmountField", domain_id=domain.attr_domain_id,
                                       name="Refund amount", type="Number")
        refunds = cases.CfnTemplate(self, "RefundTemplate", domain_id=domain.attr_domain_id, name="Refund",
                                    status="Active",
                                    required_fields=[cases.CfnTemplate.RequiredFieldProperty(field_id=refund_amount.attr_field_id)])
        profile_arn = self.node.try_get_context("customerProfileArn") or self.format_arn(
            service="profile", resource="domains",
            resource_name="example-customers/profiles/0123456789abcdef0123456789abcdef")
        Case(
            self, "RefundCase",
            domain=domain,
            template=refunds,
            title="Refund for order 1001",
            customer=profile_arn,
            fields=[CaseField.number(refund_amount.attr_field_id, 42.5)],
            performed_by=CasePerformer.custom_entity("contact-center-pipeline"),
            tags={"team": "contact-center"},
        )

        flow = connect.CfnContactFlow(
            self, "CampaignFlow",
            instance_arn=instance,
            name="Spring campaign",
            type="CAMPAIGN",
            content=json.dumps({
                "Version": "2019-10-30",
                "StartAction": "disconnect",
                "Actions": [{"Identifier": "disconnect", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}],
            }, separators=(",", ":")),
        )
        ContactFlowVersion(self, "CampaignFlowVersion", instance=instance, contact_flow=flow,
                           description="Spring campaign, first wave")


app = cdk.App(analytics_reporting=False, context={"@aws-cdk/core:validateAgainstDefaultRules": True})
stack = ContactCenterStack(app, "ContactCenter")
cdk.Tags.of(stack).add("project", "cdk-connect-resources-example")
app.synth()
