/**
 * The Connect Cases operations the handler uses, faked on a {@link FakeAws}: domains and templates
 * the test declares, cases in memory, client tokens honoured (same token, same case), the
 * service's documented checks of CreateCase (required `title` and `customer_id`, at most 220
 * fields, one value member per field, a client token of at most 64 characters).
 */
import { randomUUID } from 'node:crypto';
import { AwsError, FakeAws } from './fake-aws';
import { ACCOUNT, REGION } from './fake-connect';

export interface FakeCase {
  readonly caseId: string;
  readonly caseArn: string;
  readonly domainId: string;
  readonly templateId: string;
  /** The CreateCase request body as it arrived. */
  readonly request: any;
  /** Field values by id, as the API returns them (`{ doubleValue: 42 }`, `{ emptyValue: {} }` …). */
  readonly fields: Record<string, any>;
  readonly tags: Record<string, string>;
  deleted: boolean;
}

const SIGNING_NAME = 'cases';

export class FakeCases {
  /** Cases by id, deleted ones included (marked). */
  public readonly cases = new Map<string, FakeCase>();
  /** Template ids by domain id. */
  private readonly domains = new Map<string, Set<string>>();
  private readonly tokens = new Map<string, string>();

  constructor(aws: FakeAws) {
    const route = (method: string, pattern: string, operation: string, handler: (req: any) => unknown) =>
      aws.route(method, pattern, operation, handler, SIGNING_NAME);
    route('POST', '/domains/{domainId}/cases', 'CreateCase', (req) => this.createCase(req.params.domainId, req.body));
    route('PUT', '/domains/{domainId}/cases/{caseId}', 'UpdateCase', (req) => {
      const c = this.case(req.params.domainId, req.params.caseId);
      for (const field of checkedFields(req.body?.fields, 0)) c.fields[field.id] = field.value;
      return {};
    });
    route('DELETE', '/domains/{domainId}/cases/{caseId}', 'DeleteCase', (req) => {
      this.case(req.params.domainId, req.params.caseId).deleted = true;
      return {};
    });
    route('POST', '/tags/{arn}', 'TagResource', (req) => {
      Object.assign(this.byArn(req.params.arn).tags, req.body.tags);
      return {};
    });
    route('GET', '/tags/{arn}', 'ListTagsForResource', (req) => ({ tags: this.byArn(req.params.arn).tags }));
    route('DELETE', '/tags/{arn}', 'UntagResource', (req) => {
      const tags = this.byArn(req.params.arn).tags;
      for (const key of req.query.getAll('tagKeys')) delete tags[key];
      return {};
    });
  }

  /** Declares a domain and its (active) templates. */
  public addDomain(domainId: string, ...templateIds: string[]): void {
    this.domains.set(domainId, new Set(templateIds));
  }

  /** The ARN of a domain, as aws-cdk-lib's CfnDomain hands it out. */
  public domainArn(domainId: string): string {
    return `arn:aws:cases:${REGION}:${ACCOUNT}:domain/${domainId}`;
  }

  /** Cases that exist (not deleted). */
  public live(): FakeCase[] {
    return [...this.cases.values()].filter((c) => !c.deleted);
  }

  private createCase(domainId: string, body: any) {
    const templates = this.domains.get(domainId);
    if (!templates) throw new AwsError('ResourceNotFoundException', `domain ${domainId} not found`, 404);
    if (!templates.has(body?.templateId)) throw new AwsError('ResourceNotFoundException', `template ${body?.templateId} not found in domain ${domainId}`, 404);
    if (typeof body.clientToken === 'string' && body.clientToken.length > 64) {
      throw new AwsError('ValidationException', 'clientToken must be at most 64 characters');
    }
    // Tokens outlive their cases: a known token answers with its case even once deleted (not
    // documented; the unkind choice).
    const known = body.clientToken && this.tokens.get(body.clientToken);
    if (known) {
      const existing = this.cases.get(known)!;
      return { caseId: existing.caseId, caseArn: existing.caseArn };
    }
    const fields = checkedFields(body.fields, 220);
    for (const required of ['title', 'customer_id']) {
      if (!fields.some((f) => f.id === required)) throw new AwsError('ValidationException', `field ${required} is required`);
    }
    const caseId = randomUUID();
    const created: FakeCase = {
      caseId,
      caseArn: `arn:aws:cases:${REGION}:${ACCOUNT}:domain/${domainId}/case/${caseId}`,
      domainId,
      templateId: body.templateId,
      request: body,
      fields: Object.fromEntries(fields.map((f) => [f.id, f.value])),
      tags: { ...body.tags },
      deleted: false,
    };
    this.cases.set(caseId, created);
    if (body.clientToken) this.tokens.set(body.clientToken, caseId);
    return { caseId, caseArn: created.caseArn };
  }

  private case(domainId: string, caseId: string): FakeCase {
    const found = this.cases.get(caseId);
    if (!found || found.deleted || found.domainId !== domainId) throw new AwsError('ResourceNotFoundException', `case ${caseId} not found`, 404);
    return found;
  }

  private byArn(arn: string): FakeCase {
    const found = [...this.cases.values()].find((c) => c.caseArn === arn && !c.deleted);
    if (!found) throw new AwsError('ResourceNotFoundException', `${arn} not found`, 404);
    return found;
  }
}

/** The fields of a request, checked as the service documents them: ids 1–500, one value member each. */
function checkedFields(fields: unknown, max: number): { id: string; value: any }[] {
  if (!Array.isArray(fields)) throw new AwsError('ValidationException', 'fields is required');
  if (max > 0 && fields.length > max) throw new AwsError('ValidationException', `at most ${max} fields`);
  for (const field of fields) {
    if (typeof field?.id !== 'string' || field.id.length < 1 || field.id.length > 500) throw new AwsError('ValidationException', `bad field id ${JSON.stringify(field?.id)}`);
    if (typeof field.value !== 'object' || field.value === null || Object.keys(field.value).length !== 1) {
      throw new AwsError('ValidationException', `field ${field.id} must have exactly one value member`);
    }
  }
  return fields;
}
