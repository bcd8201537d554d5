// The `calycopis` preset against the Java broker's recorded traffic
// (../shared/upstream/calycopis-traffic/): every recorded request of every folder is sent to the
// reference broker with the preset, in order, and each answer must have the shape of the
// recorded one: result, number of offers, phases, cores and memory, start offsets and
// durations, expiry, no options, a 303 with the body, YES and NO quoted in YAML.
//
// Deliberately not compared, as the preset does not imitate them: names and uuids; the storage
// the Java broker adds for each data item and the sizes and volumes it drops (005, 007); the
// 5 s gap it leaves before releasing; the framework's own error body of 006 (the preset, as
// that broker does for client errors it answers itself, sends none).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseDuration } from '../../mock/domain/iso.ts';
import { UPSTREAM_DIR } from '../../spec/index.ts';
import { send, withBroker, type Answer } from './http-helpers.ts';

const TRAFFIC = join(UPSTREAM_DIR, 'calycopis-traffic');
const present = existsSync(TRAFFIC);
const folders = present ? readdirSync(TRAFFIC).filter((name) => /^\d{3}$/.test(name)) : [];

/**
 * 004 is 001's conversation in JSON, yet its recording offers 8 cores and 8 GiB for a minimum of
 * 5, where 001 (and every other folder: twice the minimum) offers 10. No rule explains the 8;
 * the preset answers 004 as the recording of 001.
 */
const SAME_AS: Record<string, string> = { '004': '001' };

interface OfferShape {
  phase: unknown;
  cores: unknown;
  memory: unknown;
  preparing: number | undefined;
  preparingFor: unknown;
  available: number | undefined;
  availableFor: unknown;
  releasingFor: unknown;
  releaseGap: number | undefined;
  expires: number | undefined;
  options: number;
}

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const seconds = (at: unknown, from: number): number | undefined =>
  typeof at === 'string' ? Math.round((Date.parse(at.split('/')[0]!) - from) / 1000) : undefined;

const durationSeconds = (text: unknown): number | undefined => {
  const ms = typeof text === 'string' ? parseDuration(text) : undefined;
  return ms === undefined ? undefined : ms / 1000;
};

function offerShape(offer: Doc, base: number): OfferShape {
  const schedule = offer.schedule ?? {};
  const availableEnd =
    (seconds(schedule.available?.start, base) ?? 0) +
    (durationSeconds(schedule.available?.duration) ?? 0);
  const releasing = seconds(schedule.releasing?.start, base);
  return {
    phase: offer.phase,
    cores: offer.compute?.cores,
    memory: offer.compute?.memory,
    preparing: seconds(schedule.preparing?.start, base),
    preparingFor: schedule.preparing?.duration,
    available: seconds(schedule.available?.start, base),
    availableFor: schedule.available?.duration,
    releasingFor: schedule.releasing?.duration,
    releaseGap: releasing === undefined ? undefined : releasing - availableEnd,
    expires: seconds(offer.expires, base),
    options: (offer.meta?.options ?? []).length,
  };
}

function compare(
  what: string,
  ours: OfferShape,
  recorded: OfferShape,
  coresFrom?: OfferShape,
): void {
  const expected = {
    ...recorded,
    ...(coresFrom === undefined ? {} : { cores: coresFrom.cores, memory: coresFrom.memory }),
  };
  expect(ours.phase, `${what} phase`).toBe(expected.phase);
  expect([ours.cores, ours.memory], `${what} cores, memory`).toEqual([
    expected.cores,
    expected.memory,
  ]);
  for (const key of ['preparing', 'available', 'expires'] as const)
    expect(
      Math.abs((ours[key] ?? NaN) - (expected[key] ?? NaN)),
      `${what} ${key} offset`,
    ).toBeLessThanOrEqual(1);
  expect([ours.preparingFor, ours.availableFor, ours.releasingFor], `${what} durations`).toEqual([
    expected.preparingFor,
    expected.availableFor,
    expected.releasingFor,
  ]);
  // The Java broker starts releasing 5 s after the block; the preset at its end.
  expect(ours.releaseGap, `${what} release`).toBeGreaterThanOrEqual(0);
  expect(ours.releaseGap, `${what} release`).toBeLessThanOrEqual(expected.releaseGap ?? 0);
  expect(ours.options, `${what} options`).toBe(0);
}

function read(folder: string, file: string): { doc: Doc; text: string; yaml: boolean } {
  const text = readFileSync(join(TRAFFIC, folder, file), 'utf8');
  return { doc: parse(text) as Doc, text, yaml: file.endsWith('.yaml') };
}

function firstOfferSet(folder: string): Doc | undefined {
  const file = readdirSync(join(TRAFFIC, folder)).find((name) =>
    /-002-offerset-response\./.test(name),
  );
  const doc = file === undefined ? undefined : read(folder, file).doc;
  return doc?.result === undefined ? undefined : doc;
}

/** Moves the broker clock on so that its seconds within the minute match the recording's. */
async function alignClock(base: string, recorded: string): Promise<void> {
  const now = Date.parse((await send(`${base}/_control/clock`)).body.now);
  const wanted = Date.parse(recorded) % 60_000;
  const delta = (((wanted - (now % 60_000)) % 60_000) + 60_000) % 60_000;
  await send(`${base}/_control/advance`, { body: { seconds: delta / 1000 } });
}

async function replay(folder: string, base: string): Promise<number> {
  let compared = 0;
  const files = readdirSync(join(TRAFFIC, folder)).sort();
  const recordedSet = firstOfferSet(folder);
  const sameAs = SAME_AS[folder] === undefined ? undefined : firstOfferSet(SAME_AS[folder]!);
  let ours: { created: number; url: string; offers: string[] } | undefined;
  let pending: Answer | undefined;
  const recordedBase = Date.parse(recordedSet?.meta?.created ?? '1970-01-01T00:00:00Z');
  for (const file of files) {
    const { doc, text, yaml } = read(folder, file);
    const type = yaml ? 'application/yaml' : 'application/json';
    const headers = { 'content-type': type, accept: type };
    if (/offerset-request/.test(file)) {
      if (recordedSet !== undefined) await alignClock(base, recordedSet.meta.created);
      pending = await send(`${base}/offersets`, { raw: text, headers });
      if (recordedSet === undefined) {
        // 006: the Java broker refused the request outright.
        expect(pending.status, `${folder} ${file}`).toBe(400);
        compared++;
        continue;
      }
      expect(pending.status, `${folder} create`).toBe(303);
      expect(pending.headers.location, `${folder} create`).toMatch(/\/offersets\//);
      expect(pending.body?.result, `${folder} the 303 carries the offer set`).toBe(
        doc.result ?? recordedSet.result,
      );
      ours = {
        created: Date.parse(pending.body.meta.created),
        url: pending.headers.location!,
        offers: pending.body.offers.map((offer: Doc) => offer.meta.url),
      };
      continue;
    }
    if (/-(reject|accept)-(\d\d)-request/.test(file)) {
      const index = Number(/-(\d\d)-request/.exec(file)![1]);
      pending = await send(ours!.offers[index]!, { raw: text, headers });
      expect(pending.status, `${folder} ${file}`).toBe(200);
      continue;
    }
    if (doc.error !== undefined || ours === undefined) continue;
    await send(`${base}/_control/advance`, { body: { seconds: 10 } });
    const sessionMatch = /-session-(\d\d)-response/.exec(file);
    const updateMatch = /-(reject|accept)-(\d\d)-response/.exec(file);
    const answer =
      updateMatch !== null
        ? pending!
        : await send(sessionMatch === null ? ours.url : ours.offers[Number(sessionMatch[1])]!, {
            headers,
          });
    const what = `${folder} ${file}`;
    if (doc.offers !== undefined) {
      expect(answer.body.result, what).toBe(doc.result);
      expect(answer.body.offers.length, what).toBe(doc.offers.length);
      answer.body.offers.forEach((offer: Doc, i: number) =>
        compare(
          `${what} offer ${i}`,
          offerShape(offer, ours!.created),
          offerShape(doc.offers[i], recordedBase),
          sameAs && offerShape(sameAs.offers[i], 0),
        ),
      );
      if (yaml) {
        const quoted = `result: "${doc.result}"`;
        expect(text, what).toContain(quoted);
        expect(answer.text, `${what}: YES and NO quoted as the Java broker quotes them`).toContain(
          quoted,
        );
      }
    } else {
      const index = Number((sessionMatch ?? updateMatch)![sessionMatch === null ? 2 : 1]);
      const sameOffer = sameAs?.offers[index];
      compare(
        what,
        offerShape(answer.body, ours.created),
        offerShape(doc, recordedBase),
        sameOffer && offerShape(sameOffer, 0),
      );
    }
    compared++;
  }
  return compared;
}

describe('the calycopis preset answers the recorded requests as the Java broker did', () => {
  it.skipIf(!present)(
    'has recorded folders to compare with (skipped: ../shared/upstream absent)',
    () => {
      expect(folders.length).toBeGreaterThanOrEqual(7);
    },
  );

  for (const folder of present ? folders : ['(none)']) {
    it.skipIf(!present)(`${folder} (skipped: ../shared/upstream absent)`, async () => {
      const options = {
        profile: 'v1.0.5' as const,
        faults: ['calycopis'],
        clock: 'virtual' as const,
        control: true,
      };
      const compared = await withBroker(options, (broker) => replay(folder, broker.url));
      expect(compared, `${folder}: answers compared`).toBeGreaterThan(0);
    });
  }
});
