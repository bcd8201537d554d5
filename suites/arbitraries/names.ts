// Names for request parts: plain identifiers, and with `unicode` the names brokers tend to
// mishandle (accents, CJK, emoji, right-to-left text, combining marks).

import fc from 'fast-check';

export interface NameConstraints {
  unicode?: boolean;
  maxLength?: number;
}

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'sky', 'cube', 'fits', 'run', 'job', 'test'];
const ODD = [
  'Ångström',
  '観測データ',
  'наблюдение',
  'ملف',
  'e\u0301toile',
  'star✨',
  'ﬁle',
  'a b\tc',
  '',
];

export function nameArbitrary(constraints: NameConstraints = {}): fc.Arbitrary<string> {
  const maxLength = constraints.maxLength ?? 24;
  const plain = fc
    .tuple(fc.constantFrom(...WORDS), fc.integer({ min: 0, max: 999 }))
    .map(([word, n]) => `${word}-${n}`.slice(0, maxLength));
  if (constraints.unicode !== true) return plain;
  return fc.oneof(
    { weight: 3, arbitrary: plain },
    { weight: 1, arbitrary: fc.constantFrom(...ODD) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
  );
}
