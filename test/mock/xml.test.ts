import { describe, expect, it } from 'vitest';
import { fromXml, toXml } from '../../mock/http/xml.ts';
import { isBrokerError } from '../../mock/http/errors.ts';
import { KIND, send, withBroker } from './http-helpers.ts';

const REQUEST_XML = `<?xml version="1.0"?>
<offers-request>
  <executable kind="${KIND.docker}">
    <image><locations><location>ghcr.io/eb-conform/hello:1</location></locations></image>
    <privileged>false</privileged>
  </executable>
  <compute kind="${KIND.compute}"><cores><min>2</min><max>4</max></cores></compute>
  <schedule><requested><duration>PT30M</duration></requested></schedule>
</offers-request>`;

describe('XML mapping', () => {
  it('reads lists, numbers, booleans and kind attributes back as plain data', () => {
    expect(fromXml(REQUEST_XML)).toEqual({
      executable: {
        kind: KIND.docker,
        image: { locations: ['ghcr.io/eb-conform/hello:1'] },
        privileged: false,
      },
      compute: { kind: KIND.compute, cores: { min: 2, max: 4 } },
      schedule: { requested: { duration: 'PT30M' } },
    });
  });

  it('round-trips a response document, map keys that are not XML names included', () => {
    const doc = {
      meta: { uuid: 'u', messages: [{ kind: 'urn:x', values: { cores: '3', 'odd key': 'v' } }] },
      result: 'YES',
      offers: [{ kind: KIND.session, phase: 'OFFERED', storage: [] }],
    };
    const text = toXml(doc);
    expect(text).toContain('<offers-response>');
    expect(fromXml(text)).toEqual({
      ...doc,
      meta: { ...doc.meta, messages: [{ kind: 'urn:x', values: { cores: 3, 'odd key': 'v' } }] },
    });
  });

  it('refuses DTDs, several roots and broken markup with a 400', () => {
    for (const text of [
      '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
      '<a/><b/>',
      '<a><b></a>',
      '<a>' + '<b>'.repeat(200) + '</b>'.repeat(200) + '</a>',
    ]) {
      const parsed = fromXml(text);
      expect(isBrokerError(parsed) && parsed.name, text.slice(0, 30)).toBe('malformed-body');
    }
  });
});

describe('XML over HTTP', () => {
  it('creates from an XML request, answers in XML when asked, and takes XML updates', async () => {
    await withBroker({}, async (broker) => {
      const created = await send(`${broker.url}/requests`, {
        raw: REQUEST_XML,
        headers: { 'content-type': 'application/xml' },
      });
      expect(created.status).toBe(303);
      const offerSet = await send(created.headers.location!, {
        headers: { accept: 'application/xml' },
      });
      expect(offerSet.headers['content-type']).toBe('application/xml');
      const parsed = fromXml(offerSet.text) as {
        result: string;
        offers: { meta: { url: string }; compute: { cores: { min: number } } }[];
      };
      expect(parsed.result).toBe('YES');
      expect(parsed.offers[0]!.compute.cores.min).toBeGreaterThanOrEqual(2);
      const update =
        '<update kind="uri:enum-value-update"><path>phase</path><value>ACCEPTED</value></update>';
      const accepted = await send(parsed.offers[0]!.meta.url, {
        raw: update,
        headers: { 'content-type': 'text/xml' },
      });
      expect(accepted.body.phase).toBe('ACCEPTED');
    });
  });
});
