// Docker labels: echoed name for name in every offer; a name with the reserved prefix gets NO
// with a urn:reserved-label message naming it; the prefix is configurable; labels that are not
// a map of strings are a 400.
import { describe, expect, it } from 'vitest';
import { dockerRequest, KIND, send, withBroker } from './http-helpers.ts';

function labelled(labels: unknown): Record<string, unknown> {
  return dockerRequest({
    executable: { kind: KIND.docker, image: { locations: ['ghcr.io/eb/x:1'] }, labels },
  });
}

async function offerSet(base: string, request: unknown) {
  const created = await send(`${base}/requests`, { body: request });
  if (created.status !== 303) return created.body;
  return (await send(created.headers.location!)).body;
}

describe('Docker labels', () => {
  it('are echoed in every offer', async () => {
    await withBroker({}, async (broker) => {
      const labels = { team: 'eb', 'app.kubernetes.io/name': 'probe', empty: '' };
      const answer = await offerSet(broker.url, labelled(labels));
      expect(answer.result).toBe('YES');
      expect(answer.offers.length).toBeGreaterThan(1);
      for (const offer of answer.offers) expect(offer.executable.labels).toEqual(labels);
    });
  });

  it('with the reserved prefix get NO and a urn:reserved-label message naming each', async () => {
    await withBroker({}, async (broker) => {
      const answer = await offerSet(
        broker.url,
        labelled({ team: 'eb', 'calycopis-broker-owner': 'me', 'calycopis-broker-x': '1' }),
      );
      expect(answer.result).toBe('NO');
      expect(answer.offers).toEqual([]);
      const reserved = answer.meta.messages.filter(
        (message: { kind: string }) => message.kind === 'urn:reserved-label',
      );
      expect(reserved.map((m: { values: { label: string } }) => m.values.label)).toEqual([
        'calycopis-broker-owner',
        'calycopis-broker-x',
      ]);
      expect(reserved[0].message).toContain('calycopis-broker-owner');
      expect(reserved[0].level).toBe('ERROR');
    });
  });

  it('use the configured prefix', async () => {
    const config = { policy: { reservedLabelPrefix: 'ours.' } };
    await withBroker({ config }, async (broker) => {
      expect((await offerSet(broker.url, labelled({ 'ours.x': 'y' }))).result).toBe('NO');
      expect((await offerSet(broker.url, labelled({ 'calycopis-broker-x': 'y' }))).result).toBe(
        'YES',
      );
    });
  });

  it('that are not a map of strings are refused with 400 and a pointer', async () => {
    await withBroker({}, async (broker) => {
      for (const [labels, pointer] of [
        [['a'], '/executable/labels'],
        ['a=b', '/executable/labels'],
        [{ a: 1 }, '/executable/labels/a'],
        [{ 'x/y': { nested: true } }, '/executable/labels/x~1y'],
      ] as const) {
        const answer = await offerSet(broker.url, labelled(labels));
        expect(answer.error.code, JSON.stringify(labels)).toBe('invalid-body');
        expect(answer.error.issues.map((issue: { pointer: string }) => issue.pointer)).toContain(
          pointer,
        );
      }
    });
  });
});
