// The property behind the matching suite: generate valid requests, send each, and judge every
// offer of every YES answer against the request it answers with the registry rule of the
// requirement under test. Offers are rejected once judged so the target's capacity is not used
// up by the tests that follow. A rule that judged nothing ends the test INCONCLUSIVE.

import { requestArbitrary, type RequestConstraints } from '../arbitraries/request.ts';
import type { JsonObject } from '../arbitraries/types.ts';
import { rulesFor } from '../rules/index.ts';
import type { OfferCase as JudgedOffer, OfferRule, RuleContext } from '../rules/types.ts';
import { liveRuleContext } from './checks.ts';
import { brokerNow } from './clock.ts';
import { BrokerClient, offersOf, type CreateResult } from './client.ts';
import { targetContext } from './context.ts';
import { checkProperty, type PropertyOptions } from './property.ts';
import { fail, inconclusive } from './requirement.ts';
import { createOffers } from './samples.ts';

export interface OfferCase {
  request: JsonObject;
  result: CreateResult;
  offerset: unknown;
  offer: unknown;
  index: number;
  /** The broker's clock when the request was sent. */
  now: number;
}

export interface OfferPropertyOptions extends PropertyOptions {
  request?: Partial<Omit<RequestConstraints, 'now' | 'profile'>>;
}

/**
 * Runs `check` on every offer of every YES answer to generated valid requests; returns how many
 * offers there were. The check throws (fail) on a violation; the failure is shrunk to the
 * smallest request. When the broker says NO to everything the requirement is INCONCLUSIVE.
 */
export async function forEachOffer(
  check: (offer: OfferCase) => void,
  options: OfferPropertyOptions = {},
): Promise<number> {
  const client = new BrokerClient();
  const now = await brokerNow(client);
  let offered = 0;
  const arbitrary = requestArbitrary({
    ...options.request,
    profile: client.context.profile,
    now,
    shape: 'valid',
  });
  await checkProperty(
    arbitrary,
    async (request) => {
      const sentAt = await brokerNow(client);
      const result = await client.create(request);
      try {
        const offers = offersOf(result.offerset);
        offers.forEach((offer, index) =>
          check({ request, result, offerset: result.offerset, offer, index, now: sentAt }),
        );
        offered += offers.length;
      } finally {
        await client.release(result.offerset);
      }
    },
    options,
  );
  if (offered === 0)
    inconclusive(
      'the broker made no offers for any generated request, so no offer could be checked',
    );
  return offered;
}

/** Judges one offer with the rules; fails the test with the first finding; returns how many judged. */
function judgeOne(
  rules: readonly OfferRule[],
  context: RuleContext,
  offered: { request: JsonObject; offerset: unknown; offer: unknown; index: number; now: number },
  result: CreateResult,
): number {
  const judgedOffer: JudgedOffer = {
    request: offered.request,
    offerset: offered.offerset,
    offer: offered.offer,
    index: offered.index,
    cite: result.exchanges.map((exchange) => exchange.id),
    where: `offer ${offered.index}`,
    seen: { from: offered.now, to: offered.now },
  };
  let judged = 0;
  for (const rule of rules) {
    const judgement = rule.judge(judgedOffer, context);
    judged += judgement.observed;
    const [finding] = judgement.findings;
    if (finding !== undefined)
      fail(finding.message, {
        exchanges: result.exchanges,
        ...(finding.pointer === undefined ? {} : { pointer: finding.pointer }),
      });
  }
  return judged;
}

function offerRules(requirement: string): OfferRule[] {
  const rules = rulesFor(requirement).filter((rule): rule is OfferRule => rule.scope === 'offer');
  if (rules.length === 0) throw new Error(`no offer rule in the registry judges ${requirement}`);
  return rules;
}

/**
 * The matching property for one requirement: every offer of every generated request is judged
 * by the registry rule of that requirement, exactly as `eb-conform check` judges recorded
 * offers. The first finding fails the test; an offer the rule could not judge (the request
 * named no maximum, no storage...) does not count, and none judged at all is INCONCLUSIVE.
 */
export async function judgeEveryOffer(
  requirement: string,
  options: OfferPropertyOptions = {},
): Promise<void> {
  const rules = offerRules(requirement);
  const target = targetContext();
  const context = liveRuleContext(target.profile, target);
  let judged = 0;
  const offered = await forEachOffer(({ request, result, offerset, offer, index, now }) => {
    judged += judgeOne(rules, context, { request, offerset, offer, index, now }, result);
  }, options);
  if (judged === 0)
    inconclusive(
      `the broker made ${offered} offer(s), but no generated request asked for anything ${requirement} judges`,
    );
}

/**
 * One fixed request instead of generated ones: its offers are judged by the registry rule of
 * the requirement; none judged is INCONCLUSIVE.
 */
export async function judgeOffersOf(
  requirement: string,
  client: BrokerClient,
  request: JsonObject,
): Promise<void> {
  const rules = offerRules(requirement);
  const context = liveRuleContext(client.context.profile, client.context);
  const now = await brokerNow(client);
  const { offers, offerset, result } = await createOffers(client, request);
  let judged = 0;
  try {
    offers.forEach((offer, index) => {
      judged += judgeOne(rules, context, { request, offerset, offer, index, now }, result);
    });
  } finally {
    await client.release(offerset);
  }
  if (judged === 0) inconclusive(`the request asked for nothing ${requirement} judges`);
}
