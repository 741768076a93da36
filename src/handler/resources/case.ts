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
} from '@aws-sdk/client-connectcases';
import { type CaseFieldValue, casesResourceId, CONNECT_CASE, parseCaseArn } from '../../contract';
import { cachedClient, sdkConfig } from '../aws-clients';
import { ResourceFailedError } from '../errors';
import { carriesOwnerTag } from '../ownership';
import type { Outcome, ResourceModule } from '../resource-module';
import { updateTags } from './tags';

const cases = () => cachedClient('connectcases', () => new ConnectCasesClient(sdkConfig()));

/**
 * Fields per UpdateCase call. The API reference has said both 100 and 220 over time; 100 fits
 * either, and a change of more than 100 fields at once is rare.
 */
const UPDATE_BATCH = 100;

const connectCase: ResourceModule<typeof CONNECT_CASE> = {
  spec: CONNECT_CASE,

  async create({ properties: p, context }) {
    const created = await cases().send(
      new CreateCaseCommand({
        domainId: casesResourceId(p.DomainId, 'domain'),
        templateId: casesResourceId(p.TemplateId, 'template'),
        fields: p.Fields,
        clientToken: context.clientToken,
        performedBy: p.PerformedBy,
        tags: p.Tags,
      }),
    );
    if (!created.caseId || !created.caseArn) throw new Error('CreateCase answered without a caseId and caseArn');
    return outcome(created.caseArn, created.caseId);
  },

  // Documented: ListTagsForResource returns a case's tags (GetCase would too, but needs field ids).
  async owns({ physicalResourceId: caseArn, context }) {
    caseIdentity(caseArn);
    const { tags } = await cases().send(new ListTagsForResourceCommand({ arn: caseArn }));
    return carriesOwnerTag(tags, context.event);
  },

  async update({ properties: props, oldProperties: oldProps, physicalResourceId: caseArn }) {
    const { domainId, caseId } = caseIdentity(caseArn);
    const changed = fieldChanges(oldProps.Fields, props.Fields);
    for (let i = 0; i < changed.length; i += UPDATE_BATCH) {
      await cases().send(
        new UpdateCaseCommand({
          domainId,
          caseId,
          fields: changed.slice(i, i + UPDATE_BATCH),
          performedBy: props.PerformedBy,
        }),
      );
    }
    await updateTags(oldProps.Tags, props.Tags, {
      untag: (tagKeys) => cases().send(new UntagResourceCommand({ arn: caseArn, tagKeys })),
      tag: (tags) => cases().send(new TagResourceCommand({ arn: caseArn, tags })),
    });
    return outcome(caseArn, caseId);
  },

  async delete({ physicalResourceId }) {
    await cases().send(new DeleteCaseCommand(caseIdentity(physicalResourceId)));
  },
};

/**
 * The fields to write so that a case holding `before` holds `after`: new and changed ones, and the
 * ones left out, cleared with an empty value. Both lists are normalized (typed values, field ids).
 */
export function fieldChanges(before: readonly CaseFieldValue[] | undefined, after: readonly CaseFieldValue[] | undefined): FieldValue[] {
  const old = new Map((before ?? []).map((f) => [f.id, JSON.stringify(f.value)]));
  const now = after ?? [];
  const kept = new Set(now.map((f) => f.id));
  return [
    ...now.filter((f) => old.get(f.id) !== JSON.stringify(f.value)),
    ...[...old.keys()].filter((id) => !kept.has(id)).map((id): FieldValue => ({ id, value: { emptyValue: {} } })),
  ];
}

/** Domain and case id from the case ARN (the physical id). */
function caseIdentity(caseArn: string): { domainId: string; caseId: string } {
  const parsed = parseCaseArn(caseArn);
  if (!parsed) throw new ResourceFailedError(`the physical id ${caseArn} is not a case ARN`);
  return { domainId: parsed.domainId, caseId: parsed.caseId };
}

function outcome(caseArn: string, caseId: string): Outcome {
  return { physicalResourceId: caseArn, data: { CaseId: caseId, CaseArn: caseArn } };
}

export default connectCase;
