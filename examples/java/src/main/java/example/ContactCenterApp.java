package example;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.cdkconnectresources.Case;
import io.github.cdkconnectresources.CaseField;
import io.github.cdkconnectresources.CasePerformer;
import io.github.cdkconnectresources.Catalog;
import io.github.cdkconnectresources.ConnectInstance;
import io.github.cdkconnectresources.ContactEvaluation;
import io.github.cdkconnectresources.CustomerProjectOptions;
import io.github.cdkconnectresources.EngagementContext;
import io.github.cdkconnectresources.EngagementContextPayload;
import io.github.cdkconnectresources.EngagementCustomer;
import io.github.cdkconnectresources.EngagementCustomerProject;
import io.github.cdkconnectresources.EvaluationAnswer;
import io.github.cdkconnectresources.EvaluationNote;
import io.github.cdkconnectresources.ContactFlowVersion;
import io.github.cdkconnectresources.Industry;
import software.amazon.awscdk.App;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.connect.CfnApprovedOrigin;
import software.amazon.awscdk.services.connect.CfnInstanceStorageConfig;
import software.amazon.awscdk.services.connect.CfnIntegrationAssociation;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.cases.CfnDomain;
import software.amazon.awscdk.services.cases.CfnField;
import software.amazon.awscdk.services.cases.CfnTemplate;
import software.amazon.awscdk.services.connect.CfnContactFlow;
import software.amazon.awscdk.services.connect.CfnEvaluationForm;
import software.constructs.Construct;

/** The example contact-center app (bin/contact-center.ts) in Java: `CDK_OUTDIR=cdk.out mvn -q compile exec:java`. */
public final class ContactCenterApp {
    static String context(Construct scope, String key, String fallback) {
        Object value = scope.getNode().tryGetContext(key);
        return value != null ? value.toString() : fallback;
    }

    static class ContactCenterStack extends Stack {
        ContactCenterStack(final Construct scope, final String id) {
            super(scope, id);
            this.getNode().setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);

            // Users managed in Connect, inbound and outbound calls: the defaults, as in the console.
            ConnectInstance instance = ConnectInstance.Builder.create(this, "Instance")
                    .instanceAlias(context(this, "instanceAlias", "example-contact-center"))
                    .contactflowLogsEnabled(true)
                    .contactLensEnabled(true)
                    .earlyMediaEnabled(true)
                    .multiPartyConferenceEnabled(true)
                    .tags(Map.of("team", "contact-center"))
                    .build();

            Key recordingsKey = Key.Builder.create(this, "RecordingsKey")
                    .description("Encrypts the call recordings of the contact center")
                    .enableKeyRotation(true).removalPolicy(RemovalPolicy.RETAIN).build();
            Bucket accessLogs = Bucket.Builder.create(this, "RecordingsAccessLogs")
                    .encryption(BucketEncryption.S3_MANAGED).blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                    .enforceSsl(true).removalPolicy(RemovalPolicy.RETAIN).build();
            Bucket recordings = Bucket.Builder.create(this, "Recordings")
                    .serverAccessLogsBucket(accessLogs).serverAccessLogsPrefix("recordings/")
                    .encryption(BucketEncryption.KMS).encryptionKey(recordingsKey)
                    .blockPublicAccess(BlockPublicAccess.BLOCK_ALL).enforceSsl(true).versioned(true)
                    .removalPolicy(RemovalPolicy.RETAIN).build();
            CfnInstanceStorageConfig.Builder.create(this, "CallRecordingsStorage")
                    .instanceArn(instance)
                    .resourceType("CALL_RECORDINGS")
                    .storageType("S3")
                    .s3Config(CfnInstanceStorageConfig.S3ConfigProperty.builder()
                            .bucketName(recordings.getBucketName())
                            .bucketPrefix("call-recordings")
                            .encryptionConfig(CfnInstanceStorageConfig.EncryptionConfigProperty.builder()
                                    .encryptionType("KMS").keyId(recordingsKey.getKeyArn()).build())
                            .build())
                    .build();

            Function lookup = Function.Builder.create(this, "CustomerLookup")
                    .runtime(Runtime.NODEJS_24_X).architecture(Architecture.ARM_64).handler("index.handler")
                    .code(Code.fromInline("exports.handler = async () => ({ tier: \"gold\" });"))
                    .description("Looks up the caller for the contact flows").build();
            // Validations.acknowledge rejects ids containing '::' before aws-cdk-lib 2.269.0: the metadata it writes.
            lookup.getRole().getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, Map.of(
                    "Annotation::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
                    "AWSLambdaBasicExecutionRole grants only the function's own CloudWatch Logs writes, which is all the lookup function needs"));
            lookup.addPermission("InvokedByConnect", Permission.builder()
                    .principal(new ServicePrincipal("connect.amazonaws.com"))
                    .sourceAccount(this.getAccount()).sourceArn(instance.getInstanceArn()).build());
            CfnIntegrationAssociation.Builder.create(this, "CustomerLookupIntegration")
                    .instanceId(instance).integrationType("LAMBDA_FUNCTION")
                    .integrationArn(lookup.getFunctionArn()).build();
            CfnApprovedOrigin.Builder.create(this, "WebsiteOrigin")
                    .instanceId(instance).origin("https://www.example.com").build();

            EngagementContext.Builder.create(this, "EngagementContext")
                    .catalog(Catalog.SANDBOX)
                    .engagementIdentifier(context(this, "engagementId", "eng-example0000001"))
                    .payload(EngagementContextPayload.customerProject(CustomerProjectOptions.builder()
                            .customer(EngagementCustomer.builder()
                                    .companyName("Example Corp")
                                    .countryCode("US")
                                    .industry(Industry.SOFTWARE_INTERNET)
                                    .websiteUrl("https://www.example.com")
                                    .build())
                            .project(EngagementCustomerProject.builder()
                                    .title("Contact center on Amazon Connect")
                                    .businessProblem("Move 400 support agents from the on-premises call center to Amazon Connect.")
                                    .targetCompletionDate(Instant.parse("2027-03-31T00:00:00Z"))
                                    .build())
                            .build()))
                    .build();

            CfnEvaluationForm form = CfnEvaluationForm.Builder.create(this, "QualityForm")
                    .instanceArn(instance)
                    .title("Call quality")
                    .status("ACTIVE")
                    .items(List.of(CfnEvaluationForm.EvaluationFormBaseItemProperty.builder()
                            .section(CfnEvaluationForm.EvaluationFormSectionProperty.builder()
                                    .refId("opening")
                                    .title("Opening")
                                    .items(List.of(
                                            CfnEvaluationForm.EvaluationFormItemProperty.builder()
                                                    .question(CfnEvaluationForm.EvaluationFormQuestionProperty.builder()
                                                            .refId("greeting")
                                                            .title("Did the agent greet the customer by name?")
                                                            .questionType("SINGLESELECT")
                                                            .notApplicableEnabled(true)
                                                            .questionTypeProperties(CfnEvaluationForm.EvaluationFormQuestionTypePropertiesProperty.builder()
                                                                    .singleSelect(CfnEvaluationForm.EvaluationFormSingleSelectQuestionPropertiesProperty.builder()
                                                                            .options(List.of(
                                                                                    CfnEvaluationForm.EvaluationFormSingleSelectQuestionOptionProperty.builder().refId("yes").text("Yes").build(),
                                                                                    CfnEvaluationForm.EvaluationFormSingleSelectQuestionOptionProperty.builder().refId("no").text("No").build()))
                                                                            .build())
                                                                    .build())
                                                            .build())
                                                    .build(),
                                            CfnEvaluationForm.EvaluationFormItemProperty.builder()
                                                    .question(CfnEvaluationForm.EvaluationFormQuestionProperty.builder()
                                                            .refId("clarity")
                                                            .title("How clear was the agent (1\u20135)?")
                                                            .questionType("NUMERIC")
                                                            .questionTypeProperties(CfnEvaluationForm.EvaluationFormQuestionTypePropertiesProperty.builder()
                                                                    .numeric(CfnEvaluationForm.EvaluationFormNumericQuestionPropertiesProperty.builder()
                                                                            .minValue(1).maxValue(5).build())
                                                                    .build())
                                                            .build())
                                                    .build()))
                                    .build())
                            .build()))
                    .build();
            ContactEvaluation.Builder.create(this, "FirstCallReview")
                    .instance(instance)
                    .contactId(context(this, "contactId", "3f2a1c9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"))
                    .evaluationForm(form)
                    .answers(List.of(EvaluationAnswer.option("greeting", "yes"), EvaluationAnswer.number("clarity", 4)))
                    .notes(List.of(EvaluationNote.forItem("opening", "Friendly and quick to the point.")))
                    .submit(true)
                    .tags(Map.of("team", "quality"))
                    .build();

            CfnDomain domain = CfnDomain.Builder.create(this, "CasesDomain").name("example-contact-center").build();
            CfnField refundAmount = CfnField.Builder.create(this, "RefundAmountField")
                    .domainId(domain.getAttrDomainId()).name("Refund amount").type("Number").build();
            CfnTemplate refunds = CfnTemplate.Builder.create(this, "RefundTemplate")
                    .domainId(domain.getAttrDomainId()).name("Refund").status("Active")
                    .requiredFields(List.of(CfnTemplate.RequiredFieldProperty.builder().fieldId(refundAmount.getAttrFieldId()).build()))
                    .build();
            String profileArn = context(this, "customerProfileArn", this.formatArn(ArnComponents.builder()
                    .service("profile").resource("domains")
                    .resourceName("example-customers/profiles/0123456789abcdef0123456789abcdef").build()));
            Case.Builder.create(this, "RefundCase")
                    .domain(domain)
                    .template(refunds)
                    .title("Refund for order 1001")
                    .customer(profileArn)
                    .fields(List.of(CaseField.number(refundAmount.getAttrFieldId(), 42.5)))
                    .performedBy(CasePerformer.customEntity("contact-center-pipeline"))
                    .tags(Map.of("team", "contact-center"))
                    .build();

            CfnContactFlow flow = CfnContactFlow.Builder.create(this, "CampaignFlow")
                    .instanceArn(instance)
                    .name("Spring campaign")
                    .type("CAMPAIGN")
                    .content("{\"Version\":\"2019-10-30\",\"StartAction\":\"disconnect\",\"Actions\":[{\"Identifier\":\"disconnect\","
                            + "\"Type\":\"DisconnectParticipant\",\"Parameters\":{},\"Transitions\":{}}]}")
                    .build();
            ContactFlowVersion.Builder.create(this, "CampaignFlowVersion")
                    .instance(instance)
                    .contactFlow(flow)
                    .description("Spring campaign, first wave")
                    .build();
        }
    }

    public static void main(final String[] args) {
        App app = App.Builder.create()
                .analyticsReporting(false)
                .context(Map.of("@aws-cdk/core:validateAgainstDefaultRules", true))
                .build();
        Stack stack = new ContactCenterStack(app, "ContactCenter");
        Tags.of(stack).add("project", "cdk-connect-resources-example");
        app.synth();
    }
}
