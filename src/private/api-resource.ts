import { CfnResource, CustomResource, Duration, Lazy, RemovalPolicy, TagManager, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { checkProperties, ResourceSpec, ruleViolation, TemplatePropertiesOf } from '../contract';
import { ConnectResourcesProvider, MAX_EVENT_AGE } from './provider';
import { ValidationCode, ValidationError } from './validation-error';

/** What a construct hands to {@link createApiResource}. */
export interface ApiResourceOptions<S extends ResourceSpec> {
  /** The resource type's template interface and constraints. */
  readonly spec: S;
  /**
   * Template properties by API name, typed by the spec (the handler reads them with the matching
   * {@link PropertiesOf} type); undefined members are left out of the template.
   */
  readonly properties: TemplatePropertiesOf<S>;
  /**
   * The construct's tags, when the service takes tags: they replace `properties.Tags` in the
   * template, so that `Tags.of(...)` reaches the resource. `properties.Tags` (the tags prop) is
   * still what is validated at synth.
   */
  readonly tags?: TagManager;
  readonly removalPolicy: RemovalPolicy;
  /**
   * How long CloudFormation waits for the handler's answer. The handler reads it from the
   * event and answers before it runs out.
   */
  readonly serviceTimeout: Duration;
  /** What the handler needs to be allowed to do for this resource. */
  readonly statements: iam.PolicyStatement[];
  /**
   * Why a wildcard resource of `statements` cannot be narrower, keyed by the resource as given
   * (required for every resource that contains "*"; see ConnectResourcesProvider.grant).
   *
   * @default - no wildcard resources
   */
  readonly wildcardReasons?: { readonly [resource: string]: string };
}

/**
 * Validates the literal properties, grants the shared handler what it needs and creates the
 * custom resource. Every construct of the library goes through here, so they all behave alike.
 */
export function createApiResource<S extends ResourceSpec>(scope: Construct, options: ApiResourceOptions<S>): CustomResource {
  const { spec } = options;
  checkRemovalPolicy(scope, spec.construct, options.removalPolicy);
  const properties: Record<string, unknown> = Object.fromEntries(Object.entries(options.properties).filter(([, v]) => v !== undefined));

  const { problems } = checkProperties(spec, properties, { skip: containsToken, showCustomerData: true });
  if (problems.length > 0) {
    throw new ValidationError(ValidationCode.SPEC, spec.construct, scope, problems);
  }

  if (options.tags) {
    const tags = options.tags;
    properties.Tags = Lazy.any({ produce: () => (tags.hasTags() ? tags.renderTags() : undefined) });
    // Tags applied with Tags.of(...) arrive through aspects after construction, so the merged
    // tags are checked once the tree is complete: the same rule (at most 50 tags, no "aws:"
    // keys) as the tags prop, from the resource type's spec.
    scope.node.addValidation({
      validate: () => {
        const rendered = tags.hasTags() ? tags.renderTags() : undefined;
        if (rendered === undefined || containsToken(rendered)) return [];
        const problem = ruleViolation(spec.properties.Tags.rule, rendered);
        return problem ? [ValidationError.format(ValidationCode.SPEC, spec.construct, scope.node.path, `tags, including those applied with Tags.of(...), ${problem}`)] : [];
      },
    });
  }

  // Lambda must keep the event for as long as CloudFormation waits for it (see MAX_EVENT_AGE), and
  // the handler keeps a 10-second margin for answering before the ServiceTimeout.
  const timeout = options.serviceTimeout.toSeconds();
  if (timeout < 60 || timeout > MAX_EVENT_AGE.toSeconds()) {
    throw new Error(`${spec.construct} '${scope.node.path}': the ServiceTimeout must be from 60 to ${MAX_EVENT_AGE.toSeconds()} seconds (got ${timeout})`);
  }

  const provider = ConnectResourcesProvider.of(scope);
  provider.grant(options.statements, options.wildcardReasons);
  const resource = new CustomResource(scope, 'Resource', {
    serviceToken: provider.serviceToken,
    serviceTimeout: options.serviceTimeout,
    resourceType: spec.resourceType,
    properties,
    removalPolicy: options.removalPolicy,
  });
  resource.node.addDependency(provider.policy);
  provider.serve(spec, resource.node.defaultChild as CfnResource);
  // The construct's default child is the CfnResource itself (not the CustomResource wrapper), as
  // in aws-cdk-lib's L2s: `node.defaultChild` gives the L1 for escape hatches, and
  // Resource.applyRemovalPolicy finds the resource to set DeletionPolicy and UpdateReplacePolicy on.
  scope.node.defaultChild = resource.node.defaultChild;
  return resource;
}

/**
 * Rejects a removal policy the resource type cannot honour, before the construct applies it.
 * CloudFormation takes snapshots only of a few stateful resource types (DeletionPolicy
 * attribute, AWS CloudFormation User Guide), never of a custom resource; aws-cdk-lib only warns
 * about that unless a feature flag is set, and the stack would then fail at deploy time.
 */
export function checkRemovalPolicy(scope: Construct, construct: string, policy: RemovalPolicy): void {
  if (policy === RemovalPolicy.SNAPSHOT) {
    throw new ValidationError(ValidationCode.REMOVAL_POLICY, construct, scope, ['RemovalPolicy.SNAPSHOT is not supported (CloudFormation snapshots only a few stateful resource types, never a custom resource); use RETAIN or DESTROY']);
  }
}

/** True when a value is, or holds somewhere inside, a token that CloudFormation resolves at deploy time. */
export function containsToken(value: unknown): boolean {
  if (Token.isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.some(containsToken);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([k, v]) => Token.isUnresolved(k) || containsToken(v));
  }
  return false;
}
