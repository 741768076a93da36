/**
 * Custom::ConnectCase — a case in a Connect Cases domain. The physical id is the case ARN, which
 * holds both the domain id and the case id that UpdateCase and DeleteCase need.
 *
 * Create: CreateCase with the client token.
 *   Documented: CreateCase takes an idempotency clientToken of at most 64 characters.
 *   Assumed: a repeated CreateCase with the same token answers with the same case.
 * Update in place: the fields that changed (UpdateCase), tags (TagResource / UntagResource on the
 *   case ARN). A field left out is cleared with an empty value: UpdateCase only writes the fields
 *   it is given (documented: "Fields to be updated are received as an array of id/value pairs").
 * Delete: DeleteCase (documented: irreversible).
 * Ownership: the ownership tag, set by CreateCase's tags, read back with ListTagsForResource.
 *
 * Domain, template and field ids may arrive as the ARNs aws-cdk-lib's Cases L1s hand out; the API
 * takes the ids.
 */
import {
  ConnectCasesClient,
  CreateCaseCommand,
  DeleteCaseCommand,
  FieldValue,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateCaseCommand,
  UserUnion,
} from '@aws-sdk/client-connectcases';
import { casesResourceId, CONNECT_CASE } from '../../spec';
import { cachedClient, sdkConfig } from '../aws-clients';
import { ResourceFailedError } from '../errors';
import { carriesOwnerTag } from '../ownership';
import type { Outcome, ResourceModule } from '../resource-module';
import { tagChanges } from './tags';

const cases = () => cachedClient('connectcases', () => new ConnectCasesClient(sdkConfig()));

/**
 * Fields per UpdateCase call. The API reference has said both 100 and 220 over time; 100 fits
 * either, and a change of more than 100 fields at once is rare.
 */
const UPDATE_BATCH = 100;

const connectCase: ResourceModule = {
  spec: CONNECT_CASE,

  async create(props, ctx) {
    const created = await cases().send(
      new CreateCaseCommand({
        domainId: casesResourceId(props.DomainId, 'domain') as string,
        templateId: casesResourceId(props.TemplateId, 'template') as string,
        fields: props.Fields as FieldValue[],
        clientToken: ctx.clientToken,
        performedBy: props.PerformedBy as UserUnion | undefined,
        tags: props.Tags as Record<string, string> | undefined,
      }),
    );
    if (!created.caseId || !created.caseArn) throw new Error('CreateCase answered without a caseId and caseArn');
    return outcome(created.caseArn, created.caseId);
  },

  // Documented: ListTagsForResource returns a case's tags (GetCase would too, but needs field ids).
  async owns(_props, caseArn, ctx) {
    caseIdentity(caseArn);
    const { tags } = await cases().send(new ListTagsForResourceCommand({ arn: caseArn }));
    return carriesOwnerTag(tags, ctx.event);
  },

  async update(props, oldProps, caseArn) {
    const { domainId, caseId } = caseIdentity(caseArn);
    const changed = fieldChanges(oldProps.Fields, props.Fields);
    for (let i = 0; i < changed.length; i += UPDATE_BATCH) {
      await cases().send(
        new UpdateCaseCommand({
          domainId,
          caseId,
          fields: changed.slice(i, i + UPDATE_BATCH),
          performedBy: props.PerformedBy as UserUnion | undefined,
        }),
      );
    }
    const tags = tagChanges(oldProps.Tags, props.Tags);
    if (tags.removed.length > 0) await cases().send(new UntagResourceCommand({ arn: caseArn, tagKeys: tags.removed }));
    if (Object.keys(tags.set).length > 0) await cases().send(new TagResourceCommand({ arn: caseArn, tags: tags.set }));
    return outcome(caseArn, caseId);
  },

  async delete(_props, caseArn) {
    await cases().send(new DeleteCaseCommand(caseIdentity(caseArn)));
  },
};

/**
 * The fields to write so that a case holding `before` holds `after`: new and changed ones, and the
 * ones left out, cleared with an empty value. Both lists are normalized (typed values, field ids).
 */
export function fieldChanges(before: unknown, after: unknown): FieldValue[] {
  const old = new Map(((before ?? []) as FieldValue[]).map((f) => [f.id, JSON.stringify(f.value)]));
  const now = (after ?? []) as FieldValue[];
  const kept = new Set(now.map((f) => f.id));
  return [
    ...now.filter((f) => old.get(f.id) !== JSON.stringify(f.value)),
    ...[...old.keys()].filter((id) => !kept.has(id)).map((id): FieldValue => ({ id, value: { emptyValue: {} } })),
  ];
}

/** Domain and case id from the case ARN (`arn:<partition>:cases:<region>:<account>:domain/<domainId>/case/<caseId>`). */
function caseIdentity(caseArn: string): { domainId: string; caseId: string } {
  const match = /^arn:[^:]+:cases:[^:]*:[^:]*:domain\/([^/]+)\/case\/([^/]+)$/.exec(caseArn);
  if (!match) throw new ResourceFailedError(`the physical id ${caseArn} is not a case ARN`);
  return { domainId: match[1], caseId: match[2] };
}

function outcome(caseArn: string, caseId: string): Outcome {
  return { physicalResourceId: caseArn, data: { CaseId: caseId, CaseArn: caseArn } };
}

export default connectCase;
