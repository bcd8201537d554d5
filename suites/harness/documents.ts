// A sample of the documents a broker produces: the OfferSets of a YES and a NO answer (as
// created and as read back), and every offer read back as a session. The schema suite judges
// this sample with the registry rule of each requirement, on top of the ambient checks every
// answer gets anyway.

import { brokerNow } from './clock.ts';
import { BrokerClient, offersOf, uuidOf, type Reply } from './client.ts';
import { judgeReply, type DocumentType } from './checks.ts';
import { fail, inconclusive } from './requirement.ts';
import { smallRequest } from './samples.ts';

export interface SampleDocument {
  type: DocumentType;
  doc: unknown;
  reply: Reply;
  /** Where the document came from, for messages ("offerset of a YES answer"). */
  origin: string;
}

/** A request no platform can meet (min above max), so the answer is a NO with messages. */
export function impossibleRequest(client: BrokerClient, now: number): Record<string, unknown> {
  return smallRequest(client, now, { cores: { min: 8, max: 2 } });
}

export async function sampleDocuments(client = new BrokerClient()): Promise<SampleDocument[]> {
  const now = await brokerNow(client);
  const documents: SampleDocument[] = [];
  const answers = [
    { origin: 'a YES answer', result: await client.create(smallRequest(client, now)) },
    { origin: 'a NO answer', result: await client.create(impossibleRequest(client, now)) },
  ];
  for (const { origin, result } of answers) {
    const last = result.replies.at(-1);
    if (last === undefined || result.offerset === undefined) continue;
    documents.push({
      type: 'OfferSetResponse',
      doc: result.offerset,
      reply: last,
      origin: `the offerset of ${origin}`,
    });
    for (const offer of offersOf(result.offerset)) {
      const uuid = uuidOf(offer);
      if (uuid === undefined) continue;
      const reply = await client.getSession(uuid);
      if (reply.body !== undefined)
        documents.push({
          type: 'ExecutionSession',
          doc: reply.body,
          reply,
          origin: `offer ${uuid} read back`,
        });
    }
    await client.release(result.offerset);
  }
  return documents;
}

/** The sample for a schema check; the test ends INCONCLUSIVE when the broker gave none. */
export async function documentsToCheck(client: BrokerClient): Promise<SampleDocument[]> {
  const documents = await sampleDocuments(client);
  if (documents.length === 0) inconclusive('the broker returned no document to validate');
  return documents;
}

/**
 * Judges one answer with the registry rules of `requirement`; fails with the first finding.
 * Returns how many things the rules could judge in it.
 */
export function expectRuleClean(
  client: BrokerClient,
  requirement: string,
  reply: Reply,
  type: DocumentType,
  origin?: string,
): number {
  const { findings, observed } = judgeReply(requirement, reply, {
    expect: type,
    profile: client.context.profile,
  });
  const [finding] = findings;
  if (finding !== undefined)
    fail(origin === undefined ? finding.message : `${origin}: ${finding.message}`, {
      exchanges: [reply.exchange],
      ...(finding.pointer === undefined ? {} : { pointer: finding.pointer }),
    });
  return observed;
}

/**
 * The schema property for one requirement: every sampled document judged by its rule. A sample
 * holding nothing the rule judges (no messages, no options) ends INCONCLUSIVE.
 */
export async function judgeSamples(client: BrokerClient, requirement: string): Promise<void> {
  let judged = 0;
  for (const { type, reply, origin } of await documentsToCheck(client))
    judged += expectRuleClean(client, requirement, reply, type, origin);
  if (judged === 0)
    inconclusive(`the broker's sample documents held nothing ${requirement} judges`);
}
