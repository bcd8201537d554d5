// Helpers shared by the negotiation suite: send a request with a given Accept header and find
// the answer that carries the OfferSet (the POST itself, or the GET its 303 pointed to).

import { brokerNow } from './clock.ts';
import { BrokerClient, type BodyFormat, type CreateResult, type Reply } from './client.ts';
import { smallRequest } from './samples.ts';

export interface Negotiated {
  result: CreateResult;
  /** The reply whose body is the OfferSet. */
  answer: Reply | undefined;
}

export async function negotiate(
  accept: string | undefined,
  format: BodyFormat = 'json',
): Promise<Negotiated> {
  const client = new BrokerClient();
  const request = smallRequest(client, await brokerNow(client));
  const headers: Record<string, string> = {};
  // An absent Accept is part of what is tested: undici sends none unless told.
  const result = await client.create(request, {
    format,
    ...(accept === undefined ? { accept: '' } : { accept }),
    headers,
  });
  const answer = result.replies.find((reply) => reply.status === 200) ?? result.replies[0];
  await client.release(result.offerset ?? answer?.body);
  return { result, answer };
}

export function describeType(reply: Reply | undefined): string {
  if (reply === undefined) return 'no answer';
  return `status ${reply.status} with Content-Type ${reply.headers['content-type'] ?? '(none)'}`;
}
