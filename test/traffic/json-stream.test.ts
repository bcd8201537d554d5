import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayElements, JsonShapeError } from '../../suites/traffic/json-stream.ts';

async function* pieces(text: string, sizes: readonly number[]): AsyncGenerator<string> {
  let at = 0;
  let i = 0;
  while (at < text.length) {
    const size = Math.max(1, sizes[i % Math.max(1, sizes.length)] ?? 1);
    yield text.slice(at, at + size);
    at += size;
    i += 1;
  }
}

async function collect(
  text: string,
  sizes: readonly number[],
  path = ['log', 'entries'],
): Promise<string[]> {
  const out: string[] = [];
  for await (const element of arrayElements(pieces(text, sizes), path)) out.push(element);
  return out;
}

describe('arrayElements', () => {
  it('hands out each element of the array at the path, whatever the chunking', async () => {
    fc.assert(
      await fc.asyncProperty(
        fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        async (entries, sizes) => {
          const text = JSON.stringify({
            before: { entries: ['not these'] },
            log: { creator: {}, entries, after: [1] },
          });
          const found = await collect(text, sizes);
          expect(found.map((element) => JSON.parse(element) as unknown)).toEqual(
            JSON.parse(JSON.stringify(entries)),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is not fooled by brackets, quotes and escapes inside strings', async () => {
    const text = '{"log":{"entries":[{"a":"}]\\"\\\\"},{"b":"[{"}]}}';
    expect(await collect(text, [1])).toEqual(['{"a":"}]\\"\\\\"}', '{"b":"[{"}']);
  });

  it('says plainly when the text is not one JSON value with that array', async () => {
    await expect(collect('{"log":{"entries":[{"a":1}', [4])).rejects.toThrow(JsonShapeError);
    await expect(collect('{"log":{}}', [4])).rejects.toThrow(/no array at log.entries/);
    await expect(collect('', [4])).rejects.toThrow(/no JSON value/);
    await expect(collect('{"log":{"entries":[]}}}', [4])).resolves.toEqual([]);
    await expect(collect('{"a":1]', [4])).rejects.toThrow(/unbalanced/);
  });
});
