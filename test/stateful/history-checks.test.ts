import { describe, expect, it } from 'vitest';
import {
  capacityLoad,
  checkHistory,
  HISTORY_RULE_NAMES as RULE_NAMES,
  type HistoryRule as Rule,
} from '../../suites/judge/history.ts';
import { iso, offer, Story, T0 } from './history-builder.ts';

const MINUTE = 60_000;
const capacity = { cores: 8, memory: 32, storage: 100 };

function rulesBroken(story: Story, rules?: Rule[]): Rule[] {
  const report = checkHistory(story.events, { capacity, ...(rules ? { rules } : {}) });
  return [...new Set(report.violations.map((violation) => violation.rule))].sort();
}

/** A well-behaved broker: accept one offer, its sibling is rejected, the session runs to the end. */
function cleanStory(): Story {
  return new Story()
    .create('p1', 'set-1', [offer('a', 'set-1'), offer('b', 'set-1')])
    .call('p1', 'accept', 'a', 'ACCEPTED', { options: { phase: ['CANCELLED'] } })
    .call('p1', 'read', 'b', 'REJECTED', { options: {} })
    .call('p1', 'read', 'a', 'WAITING', { options: { phase: ['CANCELLED'] } })
    .call('p1', 'read', 'a', 'RUNNING')
    .call('p1', 'read', 'a', 'COMPLETED', { options: {} })
    .create('p2', 'set-2', [offer('c', 'set-2')])
    .call('p2', 'reject', 'c', 'REJECTED')
    .call('p2', 'read', 'c', 'REJECTED');
}

describe('history checkers', () => {
  it('find nothing wrong in a well-behaved history', () => {
    const report = checkHistory(cleanStory().events, { capacity });
    expect(report.violations).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.counts.sessions).toBe(3);
  });

  it('skip the capacity rules, saying why, when no capacity is known', () => {
    const report = checkHistory(cleanStory().events);
    expect(report.skipped.map((entry) => entry.rule).sort()).toEqual([
      'capacity',
      'within-platform',
    ]);
  });

  it('take the capacity from a declare event when none is given', () => {
    const story = new Story();
    story.ok('harness', 'declare', { capacity: { cores: 1 } });
    story.create('p1', 'set-1', [offer('a', 'set-1', { cores: 2 })]);
    const rules = checkHistory(story.events).violations.map((v) => v.rule);
    expect(rules.sort()).toEqual(['capacity', 'within-platform']);
  });

  it('single-accept: two siblings both accepted', () => {
    const story = new Story()
      .create('p0', 'set-1', [offer('a', 'set-1'), offer('b', 'set-1')])
      .invoke('p1', 'accept', { session: 'a' })
      .invoke('p2', 'accept', { session: 'b' })
      .ok('p1', 'accept', { session: 'a', phase: 'ACCEPTED' })
      .ok('p2', 'accept', { session: 'b', phase: 'ACCEPTED' });
    expect(rulesBroken(story, ['single-accept'])).toEqual(['single-accept']);
    const [found] = checkHistory(story.events, { rules: ['single-accept'] }).violations;
    expect(found?.requirement).toBe('/req/concurrency/single-accept');
    expect(found?.message).toContain('2 offers of offerset set-1 were accepted');
    expect(found?.events).toEqual([2, 3, 4, 5]);
  });

  it('single-accept: one winner and a refused loser is fine', () => {
    const story = new Story()
      .create('p0', 'set-1', [offer('a', 'set-1'), offer('b', 'set-1')])
      .invoke('p1', 'accept', { session: 'a' })
      .invoke('p2', 'accept', { session: 'b' })
      .ok('p1', 'accept', { session: 'a', phase: 'ACCEPTED', options: { phase: ['CANCELLED'] } })
      .fail('p2', 'accept', { session: 'b', status: 409 })
      .call('p0', 'read', 'b', 'REJECTED');
    expect(rulesBroken(story)).toEqual([]);
  });

  it('siblings-rejected: a sibling read after the accept is still OFFERED', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1'), offer('b', 'set-1')])
      .call('p1', 'accept', 'a', 'ACCEPTED')
      .call('p1', 'read', 'b', 'OFFERED');
    expect(rulesBroken(story, ['siblings-rejected'])).toEqual(['siblings-rejected']);
  });

  it('siblings-rejected: a read overlapping the accept may still see OFFERED', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1'), offer('b', 'set-1')])
      .invoke('p1', 'accept', { session: 'a' })
      .invoke('p2', 'read', { session: 'b' })
      .ok('p1', 'accept', { session: 'a', phase: 'ACCEPTED', options: { phase: ['CANCELLED'] } })
      .ok('p2', 'read', {
        session: 'b',
        phase: 'OFFERED',
        options: { phase: ['ACCEPTED', 'REJECTED'] },
      });
    expect(rulesBroken(story)).toEqual([]);
  });

  it('terminal-stable: a REJECTED offer later reported ACCEPTED', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1')])
      .call('p1', 'reject', 'a', 'REJECTED')
      .call('p1', 'accept', 'a', 'ACCEPTED');
    expect(rulesBroken(story, ['terminal-stable'])).toEqual(['terminal-stable']);
  });

  it('no-regression: an accepted session reported OFFERED again', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1')])
      .call('p1', 'accept', 'a', 'ACCEPTED')
      .call('p1', 'read', 'a', 'WAITING')
      .call('p1', 'read', 'a', 'OFFERED');
    expect(rulesBroken(story, ['no-regression'])).toEqual(['no-regression']);
    const [found] = checkHistory(story.events, { rules: ['no-regression'] }).violations;
    expect(found?.message).toBe('session a went from ACCEPTED back to OFFERED');
  });

  it('no-regression: an unknown phase name is never a legal successor', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1')])
      .call('p1', 'read', 'a', 'READY');
    expect(rulesBroken(story, ['no-regression'])).toEqual(['no-regression']);
  });

  it('offer-expires: still OFFERED well after its expiry instant', () => {
    const story = new Story().create('p1', 'set-1', [
      offer('a', 'set-1', { expires: iso(T0 + 1000) }),
    ]);
    story.tick(10 * MINUTE);
    story.call('p1', 'read', 'a', 'OFFERED');
    expect(rulesBroken(story, ['offer-expires'])).toEqual(['offer-expires']);
  });

  it('offer-expires: uses clock notes to compare with broker time', () => {
    // The broker's clock was advanced by ten minutes; the client barely waited.
    const story = new Story().create('p1', 'set-1', [
      offer('a', 'set-1', { expires: iso(T0 + 5 * MINUTE) }),
    ]);
    story.ok('harness', 'clock', { broker: iso(T0 + 15 * MINUTE) });
    story.call('p1', 'read', 'a', 'OFFERED');
    expect(rulesBroken(story, ['offer-expires'])).toEqual(['offer-expires']);
    story.events.splice(2, 1);
    expect(rulesBroken(story, ['offer-expires'])).toEqual([]);
  });

  it('expired-not-acceptable: an EXPIRED offer accepted afterwards', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1')])
      .call('p1', 'read', 'a', 'EXPIRED')
      .call('p1', 'accept', 'a', 'ACCEPTED');
    expect(rulesBroken(story, ['expired-not-acceptable'])).toEqual(['expired-not-acceptable']);
  });

  it('options-offered: an OFFERED session without accept/reject options', () => {
    const story = new Story().create('p1', 'set-1', [offer('a', 'set-1', { options: {} })]);
    expect(rulesBroken(story, ['options-offered'])).toEqual(['options-offered']);
  });

  it('options-after-accept: an accepted session still offering ACCEPTED/REJECTED', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1')])
      .call('p1', 'accept', 'a', 'ACCEPTED', { options: { phase: ['ACCEPTED', 'REJECTED'] } });
    expect(rulesBroken(story, ['options-after-accept'])).toEqual(['options-after-accept']);
  });

  it('options-after-accept: a terminal session offering anything', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1')])
      .call('p1', 'reject', 'a', 'REJECTED', { options: { phase: ['CANCELLED'] } });
    expect(rulesBroken(story, ['options-after-accept'])).toEqual(['options-after-accept']);
  });

  it('within-platform: one offer larger than the platform', () => {
    const story = new Story().create('p1', 'set-1', [offer('a', 'set-1', { memory: 64 })]);
    const report = checkHistory(story.events, { capacity, rules: ['within-platform'] });
    expect(report.violations.map((v) => v.message)).toEqual([
      'offer a holds memory 64 > 32 (the platform total)',
    ]);
  });

  it('capacity: live offers that overlap in time and together exceed the cores', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1', { cores: 5 })])
      .create('p2', 'set-2', [offer('b', 'set-2', { cores: 5 })]);
    const report = checkHistory(story.events, { capacity, rules: ['capacity'] });
    expect(report.violations).toHaveLength(1);
    expect(report.violations[0]?.message).toContain('hold cores 10 > capacity 8');
  });

  it('capacity: slots back to back never overlap', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1', { cores: 5 })])
      .create('p2', 'set-2', [
        offer('b', 'set-2', {
          cores: 5,
          slot: { start: iso(T0 + 70 * MINUTE), end: iso(T0 + 90 * MINUTE) },
        }),
      ]);
    expect(rulesBroken(story, ['capacity'])).toEqual([]);
  });

  it('capacity: an offer rejected before the next create no longer counts', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1', { cores: 5 })])
      .call('p1', 'reject', 'a', 'REJECTED')
      .create('p2', 'set-2', [offer('b', 'set-2', { cores: 5 })]);
    expect(rulesBroken(story, ['capacity'])).toEqual([]);
  });

  it('capacity: an offer past its expiry no longer counts', () => {
    const story = new Story().create('p1', 'set-1', [
      offer('a', 'set-1', { cores: 5, expires: iso(T0 + MINUTE) }),
    ]);
    story.tick(2 * MINUTE);
    story.create('p2', 'set-2', [offer('b', 'set-2', { cores: 5 })]);
    expect(rulesBroken(story, ['capacity'])).toEqual([]);
  });

  it('capacity: an accepted session holds its slot after the offer would have expired', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1', { cores: 5, expires: iso(T0 + MINUTE) })])
      .call('p1', 'accept', 'a', 'ACCEPTED');
    story.tick(2 * MINUTE);
    story.create('p2', 'set-2', [offer('b', 'set-2', { cores: 5 })]);
    expect(rulesBroken(story, ['capacity'])).toEqual(['capacity']);
  });

  it('capacity: siblings of an accepted offer are released by the accept', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1', { cores: 4 }), offer('b', 'set-1', { cores: 4 })])
      .call('p1', 'accept', 'a', 'ACCEPTED')
      .create('p2', 'set-2', [offer('c', 'set-2', { cores: 4 })]);
    expect(rulesBroken(story, ['capacity'])).toEqual([]);
  });

  it('capacity: parallel creates that overbook are caught', () => {
    const story = new Story()
      .invoke('p1', 'create', {})
      .invoke('p2', 'create', {})
      .ok('p1', 'create', {
        offerset: 's1',
        result: 'YES',
        offers: [offer('a', 's1', { cores: 6 })],
      })
      .ok('p2', 'create', {
        offerset: 's2',
        result: 'YES',
        offers: [offer('b', 's2', { cores: 6 })],
      });
    expect(rulesBroken(story, ['capacity'])).toEqual(['capacity']);
  });

  it('capacityLoad: the peak held at each create, releases included', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1', { cores: 3, memory: 2 })])
      .create('p2', 'set-2', [offer('b', 'set-2', { cores: 4, memory: 1 })])
      .call('p1', 'reject', 'a', 'REJECTED')
      .create('p3', 'set-3', [
        offer('c', 'set-3', {
          cores: 1,
          slot: { start: iso(T0 + 80 * MINUTE), end: iso(T0 + 90 * MINUTE) },
        }),
      ]);
    expect(capacityLoad(story.events).map(({ cores, memory }) => [cores, memory])).toEqual([
      [3, 2],
      [7, 3],
      [4, 4],
    ]);
  });

  it('options-offered: an OFFERED session that lists no options at all', () => {
    const story = new Story().create('p1', 'set-1', [offer('a', 'set-1', { options: undefined })]);
    const [found] = checkHistory(story.events, { rules: ['options-offered'] }).violations;
    expect(found?.message).toBe(
      'OFFERED session a offered no options (meta.options is absent) instead of phase: ACCEPTED, REJECTED',
    );
  });

  it('options-after-accept: an accepted session that lists no cancel option', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1')])
      .call('p1', 'accept', 'a', 'ACCEPTED', { options: undefined });
    expect(rulesBroken(story, ['options-after-accept'])).toEqual(['options-after-accept']);
    const releasing = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1')])
      .call('p1', 'accept', 'a', 'ACCEPTED')
      .call('p1', 'read', 'a', 'RELEASING', { options: {} });
    expect(rulesBroken(releasing, ['options-after-accept'])).toEqual([]);
  });

  it('expired-not-acceptable: an accept that succeeds after the expiry instant, with no EXPIRED read first', () => {
    const story = new Story().create('p1', 'set-1', [
      offer('a', 'set-1', { expires: iso(T0 + MINUTE) }),
    ]);
    story.tick(5 * MINUTE);
    story.call('p1', 'accept', 'a', 'ACCEPTED');
    const [found] = checkHistory(story.events, { rules: ['expired-not-acceptable'] }).violations;
    expect(found?.message).toMatch(
      /^offer a expired at .*; an accept sent 2\d\d s later made it ACCEPTED$/,
    );
  });

  it('expired-not-acceptable: an accept within the grace after expiry, or refused, is no violation', () => {
    const late = (phase: string, ms: number): Story => {
      const story = new Story().create('p1', 'set-1', [
        offer('a', 'set-1', { expires: iso(T0 + MINUTE) }),
      ]);
      story.tick(ms);
      return story.call('p1', 'accept', 'a', phase);
    };
    expect(rulesBroken(late('ACCEPTED', MINUTE + 5_000), ['expired-not-acceptable'])).toEqual([]);
    expect(rulesBroken(late('EXPIRED', 5 * MINUTE), ['expired-not-acceptable'])).toEqual([]);
    const report = checkHistory(late('EXPIRED', 5 * MINUTE).events, {
      rules: ['expired-not-acceptable'],
    });
    expect(report.observed['expired-not-acceptable']).toBe(1);
    const strict = checkHistory(late('ACCEPTED', MINUTE + 5_000).events, {
      rules: ['expired-not-acceptable'],
      expiryGraceMs: 0,
    });
    expect(strict.violations).toHaveLength(1);
  });

  it('phase-on-schedule: a session PREPARING long before its own preparing start', () => {
    const preparing = iso(T0 + 120 * MINUTE);
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1', { preparing })])
      .call('p1', 'accept', 'a', 'ACCEPTED', { preparing })
      .call('p1', 'read', 'a', 'PREPARING', { preparing });
    const [found] = checkHistory(story.events, { rules: ['phase-on-schedule'] }).violations;
    expect(found?.requirement).toBe('/req/lifecycle/progresses');
    expect(found?.message).toMatch(/^session a was PREPARING by .*, 120 min before its own/);
    const onTime = new Story().create('p1', 'set-1', [offer('a', 'set-1', { preparing: iso(T0) })]);
    onTime.call('p1', 'accept', 'a', 'ACCEPTED', { preparing: iso(T0) });
    onTime.call('p1', 'read', 'a', 'PREPARING', { preparing: iso(T0) });
    const report = checkHistory(onTime.events, { rules: ['phase-on-schedule'] });
    expect(report.violations).toEqual([]);
    expect(report.observed['phase-on-schedule']).toBe(1);
  });

  it('distinct-uuids: two creates answered with the same offer set', () => {
    const story = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1')])
      .create('p1', 'set-1', [offer('a', 'set-1')]);
    const [found] = checkHistory(story.events, { rules: ['distinct-uuids'] }).violations;
    expect(found?.message).toBe('two create requests both got offerset set-1');
    const fresh = new Story()
      .create('p1', 'set-1', [offer('a', 'set-1')])
      .create('p1', 'set-2', [offer('b', 'set-2')]);
    expect(checkHistory(fresh.events, { rules: ['distinct-uuids'] }).observed).toEqual({
      'distinct-uuids': 1,
    });
  });

  it('orders the operations of one process even when their time windows overlap', () => {
    // A folder of documents: one client, one request after another, times known only loosely.
    const story = new Story().create('p1', 'set-1', [offer('a', 'set-1')]);
    const wide = (phase: string): void => {
      story.events.push(
        { process: 'p1', type: 'invoke', op: 'read', value: { session: 'a' }, time: T0 },
        {
          process: 'p1',
          type: 'ok',
          op: 'read',
          value: { session: 'a', phase, cores: 0, memory: 0, storage: 0 },
          time: T0 + 60 * MINUTE,
        },
      );
    };
    wide('REJECTED');
    wide('ACCEPTED');
    expect(rulesBroken(story, ['terminal-stable'])).toEqual(['terminal-stable']);
    // The same observations by two clients at overlapping times say nothing about order.
    story.events[4]!.process = 'p2';
    story.events[5]!.process = 'p2';
    expect(rulesBroken(story, ['terminal-stable'])).toEqual([]);
  });

  it('says how much each rule judged, and judges nothing in an empty history', () => {
    const empty = checkHistory([], { capacity });
    expect(empty.violations).toEqual([]);
    expect(Object.values(empty.observed).every((count) => count === 0)).toBe(true);
    const clean = checkHistory(cleanStory().events, { capacity });
    expect(clean.observed['options-offered']).toBe(3);
    expect(clean.observed.capacity).toBeGreaterThan(0);
  });

  it('every rule is exercised by some test above', () => {
    expect([...RULE_NAMES].sort()).toEqual(
      [
        'capacity',
        'distinct-uuids',
        'expired-not-acceptable',
        'no-regression',
        'offer-expires',
        'options-after-accept',
        'options-offered',
        'phase-on-schedule',
        'siblings-rejected',
        'single-accept',
        'terminal-stable',
        'within-platform',
      ].sort(),
    );
  });
});
