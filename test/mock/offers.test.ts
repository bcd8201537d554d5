import { describe, expect, it } from 'vitest';
import { parseInterval, TIME } from '../../mock/domain/iso.ts';
import { domainRequest, START, testBroker } from './domain-helpers.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

function noReasons(shape: Parameters<typeof domainRequest>[0]): string[] {
  const { broker } = testBroker();
  const set = broker.createOfferSet(domainRequest(shape));
  expect(set.result).toBe('NO');
  expect(set.offers).toEqual([]);
  return set.messages.map((message) => message.name);
}

describe('offer generation', () => {
  it('applies the defaults: 1 core, 1 GiB, max = min, default duration and start window', () => {
    const { broker, platform } = testBroker();
    const set = broker.createOfferSet(domainRequest());
    expect(set.result).toBe('YES');
    for (const uuid of set.offers) {
      const offer = broker.getSession(uuid)!;
      expect(offer.allocation).toMatchObject({ cores: 1, memory: 1 });
      expect(offer.schedule.duration).toBe(platform.defaultDuration);
      expect(offer.schedule.availableStart).toBeGreaterThanOrEqual(START);
      expect(offer.schedule.availableStart).toBeLessThanOrEqual(
        START + platform.defaultStartWindow,
      );
    }
  });

  it('offers distinct alternatives: a smaller and a larger allocation, then later starts', () => {
    const { broker } = testBroker();
    const set = broker.createOfferSet(
      domainRequest({
        cores: { min: 2, max: 6 },
        memory: { min: 2, max: 4 },
        duration: 'PT30M',
        start: `${iso(START)}/PT3H`,
      }),
    );
    const offers = set.offers.map((uuid) => broker.getSession(uuid)!);
    expect(offers).toHaveLength(4);
    const keys = offers.map(
      (offer) => `${offer.schedule.availableStart}:${offer.allocation.cores}`,
    );
    expect(new Set(keys).size).toBe(4);
    expect(offers.map((offer) => offer.allocation.cores).sort()).toEqual([2, 2, 6, 6]);
    for (const offer of offers) {
      expect(offer.allocation.memory).toBeGreaterThanOrEqual(2);
      expect(offer.allocation.memory).toBeLessThanOrEqual(4);
    }
  });

  it('starts every offer inside one of several requested intervals', () => {
    const { broker } = testBroker();
    const windows = [
      `${iso(START + 5 * TIME.HOUR)}/${iso(START + 6 * TIME.HOUR)}`,
      `PT1H/${iso(START + 2 * TIME.HOUR)}`,
    ];
    const set = broker.createOfferSet(domainRequest({ start: windows, duration: 'PT2H' }));
    const bounds = windows.map((text) => parseInterval(text)!);
    for (const uuid of set.offers) {
      const { schedule } = broker.getSession(uuid)!;
      expect(
        bounds.some((w) => w.start <= schedule.availableStart && schedule.availableStart <= w.end),
      ).toBe(true);
      expect(schedule.duration).toBeGreaterThanOrEqual(2 * TIME.HOUR);
    }
  });

  it('says NO with one message per reason', () => {
    expect(noReasons({ cores: { min: 4, max: 2 } })).toEqual(['min-above-max']);
    expect(noReasons({ cores: { min: 1000 } })).toEqual(['above-platform']);
    expect(noReasons({ cores: { min: 40 } })).toEqual(['above-session-limit']);
    expect(noReasons({ memory: { min: 0 } })).toEqual(['bad-amount']);
    expect(noReasons({ duration: 'soon' })).toEqual(['bad-duration']);
    expect(noReasons({ duration: 'P3D' })).toEqual(['duration-too-long']);
    expect(noReasons({ start: '2001-01-01T00:00:00Z/PT1H' })).toEqual(['start-in-past']);
    expect(noReasons({ start: 'yesterday' })).toEqual(['bad-start']);
    expect(noReasons({ executableKind: 'unknown:https://example.org/kinds/teapot' })).toEqual([
      'unknown-kind',
    ]);
    expect(noReasons({ executableKind: undefined })).toEqual(['missing-executable']);
    expect(noReasons({ cores: { min: 4, max: 2 }, duration: 'soon' })).toEqual([
      'min-above-max',
      'bad-duration',
    ]);
  });

  it('refuses by policy: privileged containers and unlisted registries', () => {
    const { broker } = testBroker({ policy: { allowedRegistries: ['ghcr.io'] } });
    const request = domainRequest();
    request.executable!.fields = {
      privileged: true,
      image: { locations: ['evil.example.com/x:1', 'ghcr.io/ok/y:2'] },
    };
    const set = broker.createOfferSet(request);
    expect(set.messages.map((message) => [message.name, message.values.location])).toEqual([
      ['privileged-not-allowed', undefined],
      ['registry-not-allowed', 'evil.example.com/x:1'],
    ]);
  });

  it('refuses volumes that mount nothing the request names', () => {
    const { broker } = testBroker();
    const request = domainRequest({ storage: [{ min: 1 }] });
    request.compute!.volumes = [
      { kind: 'simple-volume-mount', name: undefined, fields: { path: '/in', resource: 'disk-0' } },
      {
        kind: 'simple-volume-mount',
        name: undefined,
        fields: { path: '/out', resource: 'nowhere' },
      },
    ];
    const set = broker.createOfferSet(request);
    expect(set.messages.map((message) => message.values.resource)).toEqual(['nowhere']);
  });

  it('says NO (no-capacity) when the window is full, and YES again once capacity is freed', () => {
    const { broker } = testBroker({ totals: { cores: 2 }, perSession: { cores: 2 } });
    const window = `${iso(START)}/PT10M`;
    const first = broker.createOfferSet(domainRequest({ cores: { min: 2 }, start: window }));
    expect(first.result).toBe('YES');
    const second = broker.createOfferSet(domainRequest({ cores: { min: 2 }, start: window }));
    expect(second.messages.map((message) => message.name)).toEqual(['no-capacity']);
    first.offers.forEach((uuid) => broker.update(uuid, 'REJECTED'));
    expect(broker.createOfferSet(domainRequest({ cores: { min: 2 }, start: window })).result).toBe(
      'YES',
    );
  });
});
