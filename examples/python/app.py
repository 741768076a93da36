#!/usr/bin/env python3
"""The example contact-center app (bin/contact-center.ts) in Python: `CDK_OUTDIR=cdk.out python app.py`."""
import json

import aws_cdk as cdk
from aws_cdk import aws_cases as cases
from aws_cdk import aws_connect as connect
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
    FlowVersion,
    IdentityManagementType,
    Industry,
)


class ContactCenterStack(cdk.Stack):
    def __init__(self, scope: Construct, id: str, **kwargs) -> None:
        super().__init__(scope, id, **kwargs)

        instance = ConnectInstance(
            self, "Instance",
            identity_management_type=IdentityManagementType.CONNECT_MANAGED,
            instance_alias=self.node.try_get_context("instanceAlias") or "example-contact-center",
            inbound_calls_enabled=True,
            outbound_calls_enabled=True,
            tags={"team": "contact-center"},
        )

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
                    "target_completion_date": "2027-03-31",
                },
            ),
        )

        form = connect.CfnEvaluationForm(
            self, "QualityForm",
            instance_arn=instance.instance_arn,
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
            evaluation_form_id=form.attr_evaluation_form_arn,
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
            domain_id=domain.attr_domain_id,
            template_id=refunds.attr_template_id,
            fields=[
                CaseField.title("Refund for order 1001"),
                CaseField.customer_id(profile_arn),
                CaseField.number(refund_amount.attr_field_id, 42.5),
            ],
            performed_by=CasePerformer.custom_entity("contact-center-pipeline"),
            tags={"team": "contact-center"},
        )

        flow = connect.CfnContactFlow(
            self, "CampaignFlow",
            instance_arn=instance.instance_arn,
            name="Spring campaign",
            type="CAMPAIGN",
            content=json.dumps({
                "Version": "2019-10-30",
                "StartAction": "disconnect",
                "Actions": [{"Identifier": "disconnect", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}],
            }, separators=(",", ":")),
        )
        FlowVersion(self, "CampaignFlowVersion", instance=instance, contact_flow_id=flow.attr_contact_flow_arn,
                    description="Spring campaign, first wave")


app = cdk.App(analytics_reporting=False, context={"@aws-cdk/core:validateAgainstDefaultRules": True})
stack = ContactCenterStack(app, "ContactCenter")
cdk.Tags.of(stack).add("project", "cdk-connect-resources-example")
app.synth()
