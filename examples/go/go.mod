module example.com/contact-center-go

go 1.26

require (
	github.com/aws/aws-cdk-go/awscdk/v2 v2.276.0
	github.com/aws/constructs-go/constructs/v10 v10.8.1
	github.com/aws/jsii-runtime-go v1.142.0
	github.com/cdk-connect-resources/cdk-connect-resources-go/cdkconnectresources v0.1.0
)

// dist/go/<module> of the library build (jsii-pacmak --targets go); go mod tidy fills in the rest.
replace github.com/cdk-connect-resources/cdk-connect-resources-go/cdkconnectresources => ../../dist/go/cdkconnectresources
