// Every YAML answer means the same to a YAML 1.1 reader (PyYAML, which Python clients use) and
// a YAML 1.2 one. A whole conversation with the broker (offers, sessions through their life,
// logs, health, every kind of error, NO reasons with values a 1.1 reader would misread) is read
// with the yaml library in both modes, and each answer must also equal its JSON twin. The
// writer itself is then checked on arbitrary data; and where Python with PyYAML is installed,
// the answers are read with PyYAML too.
import { execFileSync, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYamlText } from '../../mock/http/yaml.ts';
import { ALICE, BOB } from './feature-fault-checks.ts';
import { dockerRequest, KIND, send, withBroker } from './http-helpers.ts';

interface Seen {
  what: string;
  yaml: string;
  json?: unknown;
}

/** Words and forms a YAML 1.1 reader takes for something other than text. */
const TRICKY = [
  'YES',
  'NO',
  'on',
  'Off',
  'y',
  'N',
  '~',
  'null',
  '0o17',
  '0x1F',
  '1_000',
  '0b101',
  '1:20:30',
  '2025-01-01',
  '2025-11-25T05:12:49Z',
  '.inf',
  '<<',
  '=',
  '1e3',
  '- a',
  '#x',
  '',
];

/** Two identities, a clock the conversation moves, sessions up to 2 h. */
const OPTIONS = {
  users: ['alice:a-secret', 'bob:b-secret'],
  clock: 'virtual' as const,
  control: true,
  config: { perSession: { duration: 'PT2H' } },
};

const update = (value: string) => ({ kind: 'uri:enum-value-update', path: 'phase', value });

function readsAlike(seen: Seen): void {
  const v12 = parse(seen.yaml);
  const v11 = parse(seen.yaml, { version: '1.1' });
  expect(v11, `${seen.what}: YAML 1.1 and 1.2 differ`).toEqual(v12);
  if (seen.json !== undefined) expect(v12, `${seen.what}: YAML and JSON differ`).toEqual(seen.json);
}

/** A whole conversation, every answer asked for in YAML (and, for reads, in JSON as well). */
async function conversation(base: string): Promise<Seen[]> {
  const seen: Seen[] = [];
  const yaml = { accept: 'application/yaml' };
  const ask = async (what: string, url: string, init: Parameters<typeof send>[1] = {}) => {
    const answer = await send(url, { ...init, headers: { ...yaml, ...ALICE, ...init.headers } });
    if (answer.text !== '') expect(answer.headers['content-type'], what).toMatch(/yaml/);
    const read = init.body === undefined && init.method === undefined;
    const json = read
      ? (await send(url, { ...init, headers: { ...ALICE, ...init.headers } })).body
      : undefined;
    seen.push({ what, yaml: answer.text, ...(json === undefined ? {} : { json }) });
    return answer;
  };
  const labels = Object.fromEntries(
    TRICKY.filter((word) => word !== '').map((word) => [word, word]),
  );
  const request = dockerRequest({
    executable: {
      kind: KIND.docker,
      image: { locations: ['ghcr.io/eb/x:1'] },
      labels,
      environment: { ...labels, LONG: 'x'.repeat(2000), MULTI: 'a\nb  \n\tc\u0085\u2028' },
    },
  });
  const created = await ask('create', `${base}/requests`, { body: request });
  const offerSet = await ask('offer set', created.headers.location!);
  const [first, second] = offerSet.body.offers;
  await ask('offer', first.meta.url);
  await ask('reject', second.meta.url, { body: update('REJECTED') });
  await ask('accept', first.meta.url, { body: update('ACCEPTED') });
  await ask('not owner', first.meta.url, { body: update('CANCELLED'), headers: BOB });
  for (let step = 0; step < 6; step++) {
    await send(`${base}/_control/advance`, { body: { seconds: 900 } });
    await ask(`session, step ${step}`, first.meta.url);
  }
  // The log connector answers plain text, not YAML: only its errors are YAML.
  await ask('stdout of another session', `${second.meta.url}/docker/stdout-get`);
  await ask('offer set, later', created.headers.location!);
  const reserved = dockerRequest({
    executable: { kind: KIND.docker, labels: { 'calycopis-broker-YES': 'on' } },
  });
  const no = await ask('create NO', `${base}/requests`, { body: reserved });
  await ask('NO offer set', no.headers.location!);
  const tricky = Object.fromEntries(TRICKY.map((word) => [word, word]));
  await ask('invalid body', `${base}/requests`, { body: { compute: tricky, storage: 'on' } });
  await ask('bad update', first.meta.url, { body: update('YES') });
  await ask('unknown session', `${base}/sessions/no`);
  await ask('method', `${base}/requests`, { method: 'DELETE' });
  await ask('unauthorized', `${base}/requests`, {
    body: request,
    headers: { authorization: 'Basic eA==' },
  });
  const direct = await ask('direct', `${base}/direct`, { body: dockerRequest() });
  await ask('direct session', direct.headers.location!);
  await ask('health', `${base}/health`);
  await ask('platform', `${base}/_control/platform`);
  return seen.filter((item) => item.yaml !== '');
}

describe('YAML answers read alike under YAML 1.1 and 1.2', () => {
  it('holds for every answer of a whole conversation', async () => {
    const seen = await withBroker(OPTIONS, (broker) => conversation(broker.url));
    expect(seen.length).toBeGreaterThan(20);
    for (const item of seen) readsAlike(item);
    // The tricky words are really there, quoted: a 1.1 reader would have misread them.
    const offerSet = seen.find((item) => item.what === 'offer set')!;
    expect(offerSet.yaml).toContain('result: "YES"');
    expect(offerSet.yaml).toContain('"on": "on"');
    expect(parse(offerSet.yaml, { version: '1.1' }).offers[0].executable.labels.YES).toBe('YES');
  });

  it('holds for the writer on arbitrary plain data', () => {
    const text = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary' }), fc.string());
    const data = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(1e21, -1e-7, 5e-324, Number.MAX_VALUE, 0, true, false, null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(text, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(data, (value) => {
        const yaml = toYamlText(value);
        readsAlike({ what: 'generated', yaml, json: JSON.parse(JSON.stringify(value)) });
      }),
      { numRuns: 500 },
    );
  });
});

const python = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' });
const hasPyYaml = python.status === 0;

describe('PyYAML', () => {
  it.skipIf(!hasPyYaml)(
    'reads every answer as JSON does (skipped: python3 with PyYAML absent)',
    async () => {
      const seen = await withBroker(OPTIONS, (broker) => conversation(broker.url));
      const script =
        'import json, sys, yaml\n' +
        'docs = json.load(sys.stdin)\n' +
        'print(json.dumps([yaml.safe_load(d) for d in docs]))\n';
      const out = execFileSync('python3', ['-c', script], {
        input: JSON.stringify(seen.map((item) => item.yaml)),
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const read = JSON.parse(out) as unknown[];
      seen.forEach((item, index) => expect(read[index], item.what).toEqual(parse(item.yaml)));
    },
  );
});
