// The example contact-center app (bin/contact-center.ts) in Go: `CDK_OUTDIR=cdk.out go run .`.
package main

import (
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscases"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsconnect"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	ccr "github.com/cdk-connect-resources/cdk-connect-resources-go/cdkconnectresources"
)

func contextOr(scope constructs.Construct, key string, fallback string) *string {
	if v, ok := scope.Node().TryGetContext(jsii.String(key)).(string); ok {
		return jsii.String(v)
	}
	return jsii.String(fallback)
}

func NewContactCenterStack(scope constructs.Construct, id string) awscdk.Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), nil)
	stack.Node().SetContext(jsii.String("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy"), true)

	// Users managed in Connect, inbound and outbound calls: the defaults, as in the console.
	instance := ccr.NewConnectInstance(stack, jsii.String("Instance"), &ccr.ConnectInstanceProps{
		InstanceAlias:               contextOr(stack, "instanceAlias", "example-contact-center"),
		ContactflowLogsEnabled:      jsii.Bool(true),
		ContactLensEnabled:          jsii.Bool(true),
		EarlyMediaEnabled:           jsii.Bool(true),
		MultiPartyConferenceEnabled: jsii.Bool(true),
		Tags:                        &map[string]*string{"team": jsii.String("contact-center")},
	})

	recordingsKey := awskms.NewKey(stack, jsii.String("RecordingsKey"), &awskms.KeyProps{
		Description:       jsii.String("Encrypts the call recordings of the contact center"),
		EnableKeyRotation: jsii.Bool(true), RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	accessLogs := awss3.NewBucket(stack, jsii.String("RecordingsAccessLogs"), &awss3.BucketProps{
		Encryption: awss3.BucketEncryption_S3_MANAGED, BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
		EnforceSSL: jsii.Bool(true), RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	recordings := awss3.NewBucket(stack, jsii.String("Recordings"), &awss3.BucketProps{
		ServerAccessLogsBucket: accessLogs, ServerAccessLogsPrefix: jsii.String("recordings/"),
		Encryption: awss3.BucketEncryption_KMS, EncryptionKey: recordingsKey,
		BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(), EnforceSSL: jsii.Bool(true), Versioned: jsii.Bool(true),
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	awsconnect.NewCfnInstanceStorageConfig(stack, jsii.String("CallRecordingsStorage"), &awsconnect.CfnInstanceStorageConfigProps{
		InstanceArn:  instance,
		ResourceType: jsii.String("CALL_RECORDINGS"),
		StorageType:  jsii.String("S3"),
		S3Config: &awsconnect.CfnInstanceStorageConfig_S3ConfigProperty{
			BucketName:   recordings.BucketName(),
			BucketPrefix: jsii.String("call-recordings"),
			EncryptionConfig: &awsconnect.CfnInstanceStorageConfig_EncryptionConfigProperty{
				EncryptionType: jsii.String("KMS"), KeyId: recordingsKey.KeyArn(),
			},
		},
	})

	lookup := awslambda.NewFunction(stack, jsii.String("CustomerLookup"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_NODEJS_24_X(), Architecture: awslambda.Architecture_ARM_64(),
		Handler:     jsii.String("index.handler"),
		Code:        awslambda.Code_FromInline(jsii.String(`exports.handler = async () => ({ tier: "gold" });`)),
		Description: jsii.String("Looks up the caller for the contact flows"),
	})
	// Validations.acknowledge rejects ids containing '::' before aws-cdk-lib 2.269.0: the metadata it writes.
	lookup.Role().Node().AddMetadata(awscdk.Validations_ACKNOWLEDGED_RULES_METADATA_KEY(), map[string]string{
		"Annotation::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]": "AWSLambdaBasicExecutionRole grants only the function's own CloudWatch Logs writes, which is all the lookup function needs",
	}, nil)
	lookup.AddPermission(jsii.String("InvokedByConnect"), &awslambda.Permission{
		Principal:     awsiam.NewServicePrincipal(jsii.String("connect.amazonaws.com"), nil),
		SourceAccount: stack.Account(), SourceArn: instance.InstanceArn(),
	})
	awsconnect.NewCfnIntegrationAssociation(stack, jsii.String("CustomerLookupIntegration"), &awsconnect.CfnIntegrationAssociationProps{
		InstanceId: instance, IntegrationType: jsii.String("LAMBDA_FUNCTION"), IntegrationArn: lookup.FunctionArn(),
	})
	awsconnect.NewCfnApprovedOrigin(stack, jsii.String("WebsiteOrigin"), &awsconnect.CfnApprovedOriginProps{
		InstanceId: instance, Origin: jsii.String("https://www.example.com"),
	})

	ccr.NewEngagementContext(stack, jsii.String("EngagementContext"), &ccr.EngagementContextProps{
		Catalog:              ccr.Catalog_SANDBOX,
		EngagementIdentifier: contextOr(stack, "engagementId", "eng-example0000001"),
		Payload: ccr.EngagementContextPayload_CustomerProject(&ccr.CustomerProjectOptions{
			Customer: &ccr.EngagementCustomer{
				CompanyName: jsii.String("Example Corp"),
				CountryCode: jsii.String("US"),
				Industry:    ccr.Industry_SOFTWARE_INTERNET(),
				WebsiteUrl:  jsii.String("https://www.example.com"),
			},
			Project: &ccr.EngagementCustomerProject{
				Title:                jsii.String("Contact center on Amazon Connect"),
				BusinessProblem:      jsii.String("Move 400 support agents from the on-premises call center to Amazon Connect."),
				TargetCompletionDate: jsii.Time(time.Date(2027, time.March, 31, 0, 0, 0, 0, time.UTC)),
			},
		}),
	})

	form := awsconnect.NewCfnEvaluationForm(stack, jsii.String("QualityForm"), &awsconnect.CfnEvaluationFormProps{
		InstanceArn: instance,
		Title:       jsii.String("Call quality"),
		Status:      jsii.String("ACTIVE"),
		Items: &[]interface{}{&awsconnect.CfnEvaluationForm_EvaluationFormBaseItemProperty{
			Section: &awsconnect.CfnEvaluationForm_EvaluationFormSectionProperty{
				RefId: jsii.String("opening"),
				Title: jsii.String("Opening"),
				Items: &[]interface{}{
					&awsconnect.CfnEvaluationForm_EvaluationFormItemProperty{
						Question: &awsconnect.CfnEvaluationForm_EvaluationFormQuestionProperty{
							RefId:                jsii.String("greeting"),
							Title:                jsii.String("Did the agent greet the customer by name?"),
							QuestionType:         jsii.String("SINGLESELECT"),
							NotApplicableEnabled: jsii.Bool(true),
							QuestionTypeProperties: &awsconnect.CfnEvaluationForm_EvaluationFormQuestionTypePropertiesProperty{
								SingleSelect: &awsconnect.CfnEvaluationForm_EvaluationFormSingleSelectQuestionPropertiesProperty{
									Options: &[]interface{}{
										&awsconnect.CfnEvaluationForm_EvaluationFormSingleSelectQuestionOptionProperty{RefId: jsii.String("yes"), Text: jsii.String("Yes")},
										&awsconnect.CfnEvaluationForm_EvaluationFormSingleSelectQuestionOptionProperty{RefId: jsii.String("no"), Text: jsii.String("No")},
									},
								},
							},
						},
					},
					&awsconnect.CfnEvaluationForm_EvaluationFormItemProperty{
						Question: &awsconnect.CfnEvaluationForm_EvaluationFormQuestionProperty{
							RefId:        jsii.String("clarity"),
							Title:        jsii.String("How clear was the agent (1–5)?"),
							QuestionType: jsii.String("NUMERIC"),
							QuestionTypeProperties: &awsconnect.CfnEvaluationForm_EvaluationFormQuestionTypePropertiesProperty{
								Numeric: &awsconnect.CfnEvaluationForm_EvaluationFormNumericQuestionPropertiesProperty{
									MinValue: jsii.Number(1),
									MaxValue: jsii.Number(5),
								},
							},
						},
					},
				},
			},
		}},
	})
	ccr.NewContactEvaluation(stack, jsii.String("FirstCallReview"), &ccr.ContactEvaluationProps{
		Instance:       instance,
		ContactId:      contextOr(stack, "contactId", "3f2a1c9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b"),
		EvaluationForm: form,
		Answers:        &[]ccr.EvaluationAnswer{ccr.EvaluationAnswer_Option(jsii.String("greeting"), jsii.String("yes")), ccr.EvaluationAnswer_Number(jsii.String("clarity"), jsii.Number(4))},
		Notes:          &[]ccr.EvaluationNote{ccr.EvaluationNote_ForItem(jsii.String("opening"), jsii.String("Friendly and quick to the point."))},
		Submit:         jsii.Bool(true),
		Tags:           &map[string]*string{"team": jsii.String("quality")},
	})

	domain := awscases.NewCfnDomain(stack, jsii.String("CasesDomain"), &awscases.CfnDomainProps{Name: jsii.String("example-contact-center")})
	refundAmount := awscases.NewCfnField(stack, jsii.String("RefundAmountField"), &awscases.CfnFieldProps{
		DomainId: domain.AttrDomainId(), Name: jsii.String("Refund amount"), Type: jsii.String("Number"),
	})
	refunds := awscases.NewCfnTemplate(stack, jsii.String("RefundTemplate"), &awscases.CfnTemplateProps{
		DomainId: domain.AttrDomainId(), Name: jsii.String("Refund"), Status: jsii.String("Active"),
		RequiredFields: &[]interface{}{&awscases.CfnTemplate_RequiredFieldProperty{FieldId: refundAmount.AttrFieldId()}},
	})
	profileArn := stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("profile"), Resource: jsii.String("domains"),
		ResourceName: jsii.String("example-customers/profiles/0123456789abcdef0123456789abcdef"),
	})
	if v, ok := stack.Node().TryGetContext(jsii.String("customerProfileArn")).(string); ok {
		profileArn = jsii.String(v)
	}
	ccr.NewCase(stack, jsii.String("RefundCase"), &ccr.CaseProps{
		Domain:   domain,
		Template: refunds,
		Title:    jsii.String("Refund for order 1001"),
		Customer: profileArn,
		Fields: &[]ccr.CaseField{
			ccr.CaseField_Number(refundAmount.AttrFieldId(), jsii.Number(42.5)),
		},
		PerformedBy: ccr.CasePerformer_CustomEntity(jsii.String("contact-center-pipeline")),
		Tags:        &map[string]*string{"team": jsii.String("contact-center")},
	})

	flow := awsconnect.NewCfnContactFlow(stack, jsii.String("CampaignFlow"), &awsconnect.CfnContactFlowProps{
		InstanceArn: instance,
		Name:        jsii.String("Spring campaign"),
		Type:        jsii.String("CAMPAIGN"),
		Content:     jsii.String(`{"Version":"2019-10-30","StartAction":"disconnect","Actions":[{"Identifier":"disconnect","Type":"DisconnectParticipant","Parameters":{},"Transitions":{}}]}`),
	})
	ccr.NewContactFlowVersion(stack, jsii.String("CampaignFlowVersion"), &ccr.ContactFlowVersionProps{
		Instance:    instance,
		ContactFlow: flow,
		Description: jsii.String("Spring campaign, first wave"),
	})
	return stack
}

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(&awscdk.AppProps{
		AnalyticsReporting: jsii.Bool(false),
		Context:            &map[string]interface{}{"@aws-cdk/core:validateAgainstDefaultRules": true},
	})
	stack := NewContactCenterStack(app, "ContactCenter")
	awscdk.Tags_Of(stack).Add(jsii.String("project"), jsii.String("cdk-connect-resources-example"), nil)
	app.Synth(nil)
}
