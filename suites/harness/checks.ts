// Ambient checks: every answer the client gets is judged by the registry's exchange rules
// (suites/rules), whatever the test is about. A problem found here is recorded against its own
// requirement (a schema requirement, no-5xx...) and never fails the test that happened to make
// the request, so each finding is reported once, under the rule it breaks, with the exchange
// and the JSON pointer that show it. `eb-conform check` and `proxy` judge with the same rules.

import { classifier, type Classifier } from '../judge/classify.ts';
import { ruleContext, validatorFor as judgeValidator } from '../judge/context.ts';
import { viewOfExchange } from '../judge/view.ts';
import { EXCHANGE_RULES } from '../rules/index.ts';
import { kindsIn, schemaIssues, unknownKinds as unmapped } from '../rules/documents.ts';
import type { ExchangeView, Finding as RuleFinding, RuleContext } from '../rules/types.ts';
import type { Validator } from '../../spec/index.ts';
import { onAnswer, type DocumentType, type Reply } from './client.ts';
import { targetContext, type ProfileName, type TargetContext } from './context.ts';
import { record, type AmbientRecord } from './recorder.ts';
import { sightings } from './sightings.ts';

export type { DocumentType } from './client.ts';
export { kindsIn };

export interface Finding {
  requirement: string;
  message: string;
  pointer?: string;
}

/** The OpenAPI file `eb-conform run --spec` names instead of the project's, if any. */
function specOfRun(): string | undefined {
  return safeTarget()?.spec;
}

/** The validator of a profile (against the run's --spec when one was given). */
export function validatorFor(profile: ProfileName): Validator {
  return judgeValidator(profile, specOfRun());
}

const contexts = new Map<string, RuleContext>();
const classifiers = new Map<ProfileName, Classifier>();

/** The rule settings of a live run: the target's profile and what its declaration says. */
export function liveRuleContext(profile: ProfileName, target?: TargetContext): RuleContext {
  const declaration = target?.declaration ?? {};
  const spec = target?.spec;
  const key = JSON.stringify([profile, declaration, spec ?? '']);
  let context = contexts.get(key);
  if (context === undefined) {
    context = ruleContext({
      profile,
      ...(declaration.updatePath === undefined ? {} : { updatePath: declaration.updatePath }),
      ...(declaration.expiryGrace === undefined ? {} : { expiryGrace: declaration.expiryGrace }),
      ...(declaration.capacity === undefined ? {} : { capacity: declaration.capacity }),
      ...(spec === undefined ? {} : { spec }),
    });
    contexts.set(key, context);
  }
  return context;
}

function classifierFor(profile: ProfileName): Classifier {
  let found = classifiers.get(profile);
  if (found === undefined) classifiers.set(profile, (found = classifier(profile)));
  return found;
}

function plain(found: RuleFinding): Finding {
  return {
    requirement: found.requirement,
    message: found.message,
    ...(found.pointer === undefined ? {} : { pointer: found.pointer }),
  };
}

/** Unknown kind URIs in a document, as findings of /req/schema/kind-known. */
export function unknownKinds(profile: ProfileName, doc: unknown, type?: DocumentType): Finding[] {
  return unmapped(profile, doc, type).map((found) => ({
    requirement: '/req/schema/kind-known',
    pointer: found.pointer,
    message: found.message,
  }));
}

/** Schema validation of a document, each issue attributed to the requirement it breaks. */
export function schemaFindings(profile: ProfileName, type: DocumentType, doc: unknown): Finding[] {
  return schemaIssues({ type, doc }, liveRuleContext(profile)).map((issue) => ({
    requirement: issue.requirement,
    pointer: issue.pointer,
    message: issue.message,
  }));
}

export interface AmbientOptions {
  expect?: DocumentType;
  accept?: string;
  profile: ProfileName;
}

/** An answer as the rules see it: the live client captured everything. */
export function viewOfReply(reply: Reply, options: AmbientOptions): ExchangeView {
  // The reply is the client's own account of the answer (the exchange is the report's copy).
  const exchange = {
    ...reply.exchange,
    ...(reply.status > 0 ? { response: { status: reply.status, headers: reply.headers } } : {}),
    ...(reply.error === undefined ? {} : { error: reply.error }),
  };
  const { view } = viewOfExchange(exchange, classifierFor(options.profile), {
    requestHeaders: true,
    // The recorded exchange keeps a clipped body; the reply was parsed from the whole one.
    answer: {
      ...(reply.text === undefined ? {} : { text: reply.text }),
      ...(reply.body === undefined ? {} : { body: reply.body }),
      ...(reply.parseError === undefined ? {} : { parseError: reply.parseError }),
    },
  });
  // The client knows what it asked for, even on a path the profile does not name.
  if (options.expect !== undefined) view.expect = options.expect;
  if (options.expect === 'OfferSetResponse' && reply.exchange.request.method === 'POST')
    view.op = 'create';
  if (options.accept !== undefined)
    view.requestHeaders = { ...view.requestHeaders, accept: options.accept };
  if (reply.timedOut) view.timedOut = true;
  return view;
}

/** The findings for one answer (pure, so the suite's own tests can check it). */
export function ambientFindings(reply: Reply, options: AmbientOptions): Finding[] {
  const view = viewOfReply(reply, options);
  const context = liveRuleContext(options.profile, safeTarget());
  return EXCHANGE_RULES.flatMap((rule) => rule.judge(view, context).findings.map(plain));
}

/**
 * One answer judged by the exchange rules of one requirement, as the conformance file of that
 * requirement asks: the findings and how many things the rules could judge.
 */
export function judgeReply(
  requirement: string,
  reply: Reply,
  options: AmbientOptions,
): { findings: Finding[]; observed: number } {
  const view = viewOfReply(reply, options);
  const context = liveRuleContext(options.profile, safeTarget());
  const findings: Finding[] = [];
  let observed = 0;
  for (const rule of EXCHANGE_RULES) {
    if (rule.requirement !== requirement) continue;
    const judgement = rule.judge(view, context);
    observed += judgement.observed;
    findings.push(...judgement.findings.map(plain));
  }
  return { findings, observed };
}

function safeTarget(): TargetContext | undefined {
  try {
    return targetContext();
  } catch {
    return undefined;
  }
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
