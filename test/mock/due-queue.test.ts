import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DueQueue } from '../../mock/domain/due-queue.ts';

describe('due queue', () => {
  it('hands back exactly the items due by each instant, earliest first', () => {
    const step = fc.oneof(
      fc.record({ push: fc.integer({ min: 0, max: 1000 }) }),
      fc.record({ pop: fc.integer({ min: 0, max: 1000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const queue = new DueQueue<number>();
        // The obvious model: a list of (instant, id) pairs.
        let model: Array<[number, number]> = [];
        let id = 0;
        for (const s of steps) {
          if ('push' in s) {
            queue.push(s.push, id);
            model.push([s.push, id++]);
            continue;
          }
          const popped: Array<[number, number]> = [];
          for (let item = queue.popDue(s.pop); item !== undefined; item = queue.popDue(s.pop)) {
            popped.push([model.find(([, m]) => m === item)![0], item]);
          }
          const due = model.filter(([at]) => at <= s.pop);
          model = model.filter(([at]) => at > s.pop);
          expect(popped.map(([, item]) => item).sort((a, b) => a - b)).toEqual(
            due.map(([, item]) => item).sort((a, b) => a - b),
          );
          const instants = popped.map(([at]) => at);
          expect(instants).toEqual([...instants].sort((a, b) => a - b));
        }
        expect(queue.size).toBe(model.length);
      }),
    );
  });
});
