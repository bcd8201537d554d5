// Direct execution for the direct class: send a small request to the profile's direct path and
// hand back the answer, or end the test with the verdict the answer allows. Absent is only what
// the operator declares (`direct: false`); a 404 without that is unchecked, not "absent".

import { brokerNow } from './clock.ts';
import type { BrokerClient } from './client.ts';
import { inconclusive, notApplicable } from './requirement.ts';
import { smallRequest } from './samples.ts';

export type Direct = Awaited<ReturnType<BrokerClient['direct']>>;

export async function directOrEnd(client: BrokerClient): Promise<Direct> {
  if (client.context.declaration.direct === false)
    notApplicable('the target declares no direct execution');
  const result = await client.direct(smallRequest(client, await brokerNow(client)));
  if (result.status === 404 || result.status === 405 || result.status === 501)
    inconclusive(
      `the direct path answered ${result.status}; declare \`direct: false\` in --declare if the broker has no direct execution`,
    );
  if (result.status === 409 || result.status === 429 || result.status === 503)
    inconclusive(
      `direct execution was refused for now (${result.status}): no room to run a session, so nothing to check`,
    );
  return result;
}
