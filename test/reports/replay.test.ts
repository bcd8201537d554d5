import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Exchange, RunResult } from '../../contract/result.ts';
import { parseHeaders, replayCommand } from '../../cli/replay.ts';
import { rebase, replayExchanges, selectForReplay } from '../../reports/replay.ts';
import { fixture } from './fixtures.ts';

/** A tiny broker that hands out fresh uuids, and remembers what it was asked. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let server: Server;
let base: string;
const seen: Seen[] = [];
const offers = new Map<string, string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const json = (status: number, doc: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(doc));
      };
      if (req.method === 'POST' && req.url === '/requests') {
        const set = randomUUID();
        offers.set(set, randomUUID());
        return json(303, {}, { location: `${base}/offersets/${set}` });
      }
      const set = /^\/offersets\/([\w-]+)$/.exec(req.url ?? '')?.[1];
      if (req.method === 'GET' && set !== undefined && offers.has(set)) {
        return json(200, {
          meta: { uuid: set },
          result: 'YES',
          offers: [{ meta: { uuid: offers.get(set) }, phase: 'OFFERED' }],
        });
      }
      const session = /^\/sessions\/([\w-]+)$/.exec(req.url ?? '')?.[1];
      if (session !== undefined && [...offers.values()].includes(session)) {
        // The defect being replayed: accepting does nothing.
        return json(200, { meta: { uuid: session }, phase: 'OFFERED' });
      }
      return json(404, { message: 'unknown' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

const dirs: string[] = [];
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const OLD_SET = '11111111-1111-4111-8111-111111111111';
const OLD_OFFER = '22222222-2222-4222-8222-222222222222';
const RECORDED = 'http://10.0.0.9:8082/eb';

function exchange(
  id: string,
  method: string,
  path: string,
  status: number,
  body?: string,
  responseBody?: string,
  responseHeaders: Record<string, string> = {},
): Exchange {
  return {
    id,
    startedAt: `2026-11-23T19:00:0${id.slice(1)}.000Z`,
    durationMs: 4,
    request: {
      method,
      url: `${RECORDED}${path}`,
      headers: {
        accept: 'application/json',
        authorization: '[redacted]',
        'content-length': '99',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body }),
    },
    response: {
      status,
      headers: { 'content-type': 'application/json', ...responseHeaders },
      ...(responseBody === undefined ? {} : { body: responseBody }),
    },
  };
}

/** A recorded "accept is ignored" failure against a broker that has since moved. */
function recordedRun(): RunResult {
  const run = fixture('failing-run');
  run.builtIn = false;
  run.target = RECORDED;
  run.exchanges = [
    exchange('x1', 'POST', '/requests', 303, '{"compute":{}}', '{}', {
      location: `${RECORDED}/offersets/${OLD_SET}`,
    }),
    exchange(
      'x2',
      'GET',
      `/offersets/${OLD_SET}`,
      200,
      undefined,
      JSON.stringify({ meta: { uuid: OLD_SET }, offers: [{ meta: { uuid: OLD_OFFER } }] }),
    ),
    exchange(
      'x3',
      'POST',
      `/sessions/${OLD_OFFER}`,
      200,
      JSON.stringify({ path: 'phase', value: 'ACCEPTED', note: OLD_OFFER }),
      JSON.stringify({ meta: { uuid: OLD_OFFER }, phase: 'OFFERED' }),
    ),
    exchange('x4', 'GET', '/unrelated', 200),
  ];
  const accept = run.requirements.find((req) => req.id === '/req/lifecycle/accept-offered')!;
  accept.verdict = 'FAIL';
  accept.cases = [
    {
      id: '/req/lifecycle/accept-offered#1',
      name: 'accept one offer',
      verdict: 'FAIL',
      durationMs: 9,
      evidence: [{ message: 'still OFFERED after accept', exchangeIds: ['x3', 'x1', 'x2', 'x9'] }],
    },
    {
      id: '/req/lifecycle/accept-offered#2',
      name: 'accept another',
      verdict: 'PASS',
      durationMs: 9,
      evidence: [{ message: 'ok', exchangeIds: ['x4'] }],
    },
  ];
  return run;
}

async function saved(run: RunResult): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'eb-replay-'));
  dirs.push(dir);
  const file = join(dir, 'report.json');
  await writeFile(file, JSON.stringify(run));
  return file;
}

describe('replay selection', () => {
  it("takes the failing cases' exchanges in recorded order and notes missing ones", () => {
    const selection = selectForReplay(recordedRun(), '/req/lifecycle/accept-offered');
    expect(selection?.exchanges.map((x) => x.id)).toEqual(['x1', 'x2', 'x3']);
    expect(selection?.missing).toEqual(['x9']);
  });

  it('adds the earlier exchanges that made the uuids the evidence sends, marked as setup', () => {
    const run = recordedRun();
    const accept = run.requirements.find((req) => req.id === '/req/lifecycle/accept-offered')!;
    accept.cases[0]!.evidence = [{ message: 'still OFFERED', exchangeIds: ['x3'] }];
    const selection = selectForReplay(run, '/req/lifecycle/accept-offered');
    expect(selection?.exchanges.map((x) => x.id)).toEqual(['x1', 'x2', 'x3']);
    expect(selection?.setup).toEqual(['x1', 'x2']);
    expect(selectForReplay(recordedRun(), '/req/lifecycle/accept-offered')?.setup).toEqual([]);
  });

  it('selects a single case by its id', () => {
    const selection = selectForReplay(recordedRun(), '/req/lifecycle/accept-offered#2');
    expect(selection?.case?.name).toBe('accept another');
    expect(selection?.exchanges.map((x) => x.id)).toEqual(['x4']);
    expect(selectForReplay(recordedRun(), '/req/nope')).toBeUndefined();
  });

  it('moves URLs from the recorded target to the new one, path prefix included', () => {
    expect(rebase(`${RECORDED}/sessions/a?x=1`, RECORDED, 'http://new:1/')).toBe(
      'http://new:1/sessions/a?x=1',
    );
    expect(rebase('http://10.0.0.9:8082/other', RECORDED, 'http://new:1')).toBe(
      'http://new:1/other',
    );
    expect(rebase('https://elsewhere.example/x', RECORDED, 'http://new:1')).toBe(
      'https://elsewhere.example/x',
    );
  });
});

describe('replayExchanges', () => {
  it('re-sends the sequence, following the uuids the new target hands out', async () => {
    seen.length = 0;
    const run = recordedRun();
    const selection = selectForReplay(run, '/req/lifecycle/accept-offered')!;
    const steps = await replayExchanges(run, selection.exchanges, {
      target: base,
      headers: { authorization: 'Bearer again' },
    });
    expect(steps.map((step) => step.same)).toEqual([true, true, true]);
    const [create, get, accept] = seen;
    expect(create?.url).toBe('/requests');
    const newSet = get?.url.split('/').pop() ?? '';
    expect(newSet).not.toBe(OLD_SET);
    expect(offers.has(newSet)).toBe(true);
    expect(accept?.url).toBe(`/sessions/${offers.get(newSet)}`);
    expect(accept?.body).toContain(offers.get(newSet));
    expect(accept?.body).not.toContain(OLD_OFFER);
    expect(accept?.headers.authorization).toBe('Bearer again');
    expect(steps[0]?.droppedHeaders).toEqual([]);
  });

  it('names redacted headers it could not send, and records transport failures', async () => {
    const run = recordedRun();
    const steps = await replayExchanges(run, run.exchanges.slice(0, 1), { target: base });
    expect(steps[0]?.droppedHeaders).toEqual(['authorization']);
    const dead = await replayExchanges(run, run.exchanges.slice(0, 1), {
      target: 'http://127.0.0.1:1',
      timeoutMs: 2000,
    });
    expect(dead[0]?.replayed.response).toBeUndefined();
    expect(dead[0]?.replayed.error).toMatch(/ECONNREFUSED|timeout/);
    expect(dead[0]?.same).toBe(false);
  });
});

describe('eb-conform replay', () => {
  function capture() {
    const out: string[] = [];
    const log = vi
      .spyOn(console, 'log')
      .mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
    const error = vi
      .spyOn(console, 'error')
      .mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
    return {
      text: () => out.join('\n'),
      restore: () => {
        log.mockRestore();
        error.mockRestore();
      },
    };
  }

  it('prints the exchanges and exits 1 when the recorded failure answers the same way', async () => {
    const file = await saved(recordedRun());
    const io = capture();
    try {
      const code = await replayCommand([
        file,
        '/req/lifecycle/accept-offered',
        '--target',
        base,
        '--no-rerun',
        '-H',
        'Authorization: Bearer t',
      ]);
      expect(code).toBe(1);
      expect(io.text()).toContain('recorded verdict: FAIL');
      expect(io.text()).toMatch(
        /x3 {2}POST http:\/\/127\.0\.0\.1:\d+\/sessions\/[\w-]+ {2}recorded 200, now 200/,
      );
      expect(io.text()).toContain('3 of 3 exchange(s) answered as recorded');
    } finally {
      io.restore();
    }
  });

  it('exits 2 with a suggestion for an unknown id, and on a bad report or header', async () => {
    const file = await saved(recordedRun());
    const io = capture();
    try {
      expect(await replayCommand([file, 'accept-offered', '--target', base])).toBe(2);
      expect(io.text()).toContain('did you mean /req/lifecycle/accept-offered');
      expect(await replayCommand(['/nonexistent/report.json', '/req/x'])).toBe(2);
      expect(await replayCommand([file, '/req/lifecycle/accept-offered', '-H', 'no-colon'])).toBe(
        2,
      );
      expect(await replayCommand([file])).toBe(2);
    } finally {
      io.restore();
    }
  });

  it('reads -H headers (the faults of a built-in run are in the report itself)', () => {
    expect(parseHeaders(['X-Token: a: b'])).toEqual({ 'x-token': 'a: b' });
  });
});
