// Ambient checks: run by the client on every answer, whatever the test is about. A problem
// found here is recorded against its own requirement (a schema requirement, no-5xx...) and
// never fails the test that happened to make the request, so each finding is reported once,
// under the rule it breaks, with the exchange and the JSON pointer that show it.

import { createValidator, kindNameIn, loadSpec, type Validator } from '../../spec/index.ts';
import { onAnswer, type DocumentType, type Reply } from './client.ts';
import { targetContext, type ProfileName } from './context.ts';
import { record, type AmbientRecord } from './recorder.ts';
import { sightings } from './sightings.ts';

export type { DocumentType } from './client.ts';

export interface Finding {
  requirement: string;
  message: string;
  pointer?: string;
}

const DOCUMENT_REQUIREMENT: Record<DocumentType, string> = {
  OfferSetResponse: '/req/schema/offerset-valid',
  ExecutionSession: '/req/schema/session-valid',
};

const validators = new Map<ProfileName, Validator>();

function currentSpec(): string | undefined {
  try {
    return targetContext().spec;
  } catch {
    return undefined;
  }
}

export function validatorFor(profile: ProfileName): Validator {
  let validator = validators.get(profile);
  if (validator === undefined) {
    // `eb-conform run --spec` validates against another OpenAPI file than the project's.
    const specFile = currentSpec();
    validator = createValidator(
      specFile === undefined || specFile === ''
        ? { profile }
        : { profile, spec: loadSpec(specFile) },
    );
    validators.set(profile, validator);
  }
  return validator;
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Every `kind` member that names a component, option or update, with its pointer. Message and
 * connector kinds are left out: the schemas leave those URIs open (any template name).
 */
export function kindsIn(doc: unknown, pointer = ''): { pointer: string; value: unknown }[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const found: { pointer: string; value: unknown }[] = [];
  const entries: [string, unknown][] = Array.isArray(doc)
    ? doc.map((v, i) => [String(i), v])
    : Object.entries(doc);
  for (const [key, value] of entries) {
    const here = `${pointer}/${escapePointer(key)}`;
    if (key === 'messages' || key === 'connectors') continue;
    if (key === 'kind' && !Array.isArray(doc)) found.push({ pointer: here, value });
    else found.push(...kindsIn(value, here));
  }
  return found;
}

/** Kind URIs the profile does not map. */
export function unknownKinds(profile: ProfileName, doc: unknown): Finding[] {
  return kindsIn(doc)
    .filter(({ value }) => typeof value !== 'string' || kindNameIn(profile, value) === undefined)
    .map(({ pointer, value }) => ({
      requirement: '/req/schema/kind-known',
      pointer,
      message: `kind ${JSON.stringify(value)} is not a URI the ${profile} profile maps`,
    }));
}

/** Which schema requirement an issue at this pointer belongs to. */
function requirementAt(pointer: string, type: DocumentType): string {
  if (/\/meta\/messages\//.test(pointer)) return '/req/schema/message-valid';
  if (/\/meta\/options\//.test(pointer)) return '/req/schema/option-valid';
  if (/\/(expires|created|modified|start|duration|time)$/.test(pointer))
    return '/req/schema/datetime-format';
  return DOCUMENT_REQUIREMENT[type];
}

/** Schema validation of a document, each issue attributed to the requirement it breaks. */
export function schemaFindings(profile: ProfileName, type: DocumentType, doc: unknown): Finding[] {
  const { issues } = validatorFor(profile).validate(type, doc);
  return issues.map((issue) => ({
    requirement: requirementAt(issue.pointer, type),
    pointer: issue.pointer,
    message: `${type} at ${issue.pointer || '(root)'}: ${issue.message}`,
  }));
}

export interface AmbientOptions {
  expect?: DocumentType;
  accept?: string;
  profile: ProfileName;
}

function acceptsOnly(accept: string | undefined, kind: 'json' | 'yaml'): boolean {
  const type = accept?.split(',').map((part) => part.split(';')[0]?.trim().toLowerCase());
  if (type === undefined || type.length !== 1) return false;
  return kind === 'json' ? type[0] === 'application/json' : type[0] === 'application/yaml';
}

/** The findings for one answer (pure, so the suite's own tests can check it). */
export function ambientFindings(reply: Reply, options: AmbientOptions): Finding[] {
  const findings: Finding[] = [];
  if (reply.error !== undefined && !reply.timedOut && !/ECONNREFUSED/.test(reply.error)) {
    // A reset or a half answer is no complete answer either; a refused connection is a target
    // that is gone, which the test reports as INCONCLUSIVE instead.
    findings.push({
      requirement: '/req/robustness/answers-promptly',
      message: `no complete answer: ${reply.error}`,
    });
    return findings;
  }
  if (reply.timedOut) {
    findings.push({
      requirement: '/req/robustness/answers-promptly',
      message: `no complete answer: ${reply.error ?? 'timeout'}`,
    });
    return findings;
  }
  if (reply.status >= 500) {
    findings.push({
      requirement: '/req/robustness/no-5xx',
      message: `answered ${reply.status} to ${reply.exchange.request.method} ${reply.exchange.request.url}`,
    });
  }
  const creating =
    options.expect === 'OfferSetResponse' && reply.exchange.request.method === 'POST';
  if (
    creating &&
    reply.status > 0 &&
    reply.status < 400 &&
    reply.status !== 200 &&
    reply.status !== 303
  ) {
    // The create operation defines 200 and 303 only; client errors are left to the conventions.
    findings.push({
      requirement: '/req/offerset/create-redirect-or-body',
      message: `create answered ${reply.status}; the standard allows 303 See Other or 200`,
    });
  }
  const ok = reply.status >= 200 && reply.status < 300;
  const hasBody = reply.text !== undefined && reply.text.trim() !== '';
  if (
    ok &&
    hasBody &&
    acceptsOnly(options.accept, 'json') &&
    reply.contentType !== 'application/json' &&
    !reply.contentType?.endsWith('+json')
  ) {
    findings.push({
      requirement: '/req/negotiation/json-response',
      message: `asked for application/json, got Content-Type ${reply.headers['content-type'] ?? '(none)'}`,
    });
  }
  if (
    ok &&
    hasBody &&
    acceptsOnly(options.accept, 'yaml') &&
    reply.contentType !== 'application/yaml'
  ) {
    findings.push({
      requirement: '/req/negotiation/yaml-response',
      message: `asked for application/yaml, got Content-Type ${reply.headers['content-type'] ?? '(none)'}`,
    });
  }
  if (options.expect !== undefined && (ok || reply.status === 303) && reply.body !== undefined) {
    findings.push(...schemaFindings(options.profile, options.expect, reply.body));
    findings.push(...unknownKinds(options.profile, reply.body));
  } else if (options.expect !== undefined && ok && reply.body === undefined) {
    findings.push({
      requirement: DOCUMENT_REQUIREMENT[options.expect],
      message: `a ${reply.status} answer where an ${options.expect} document was due has no readable body${reply.parseError ? ` (${reply.parseError})` : ''}`,
    });
  }
  return findings;
}

export function ambientChecks(reply: Reply, options: AmbientOptions): void {
  if (options.expect !== undefined && reply.body !== undefined)
    sightings(reply.body, options.expect);
  for (const finding of ambientFindings(reply, options)) {
    const entry: AmbientRecord = {
      requirement: finding.requirement,
      exchangeId: reply.exchange.id,
      ok: false,
      message: finding.message,
    };
    if (finding.pointer !== undefined) entry.pointer = finding.pointer;
    record('ambient', entry);
  }
}

let installed = false;

/** Subscribes the ambient checks to every answer of this worker (once; later calls do nothing). */
export function installAmbientChecks(): void {
  if (installed) return;
  installed = true;
  onAnswer((note) => {
    // A request the client held back was never sent: there is no answer to judge.
    if (!note.sent) return;
    ambientChecks(note.reply, {
      ...(note.expect === undefined ? {} : { expect: note.expect }),
      ...(note.accept === undefined ? {} : { accept: note.accept }),
      profile: note.profile,
    });
  });
}
