// The runner side of the evidence trail: reads what the workers left in the run directory
// and folds it, with the catalogue and vitest's own view of each test, into the parts of a
// RunResult. Unreadable lines are skipped (a worker killed mid-write leaves half a line).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue, type RequirementInfo } from '../harness/catalogue.ts';
import { countVerdicts, failureVerdict, worstVerdict } from '../../contract/index.ts';
import type { AmbientRecord, CaseRecord, SightingRecord } from '../harness/recorder.ts';
import type {
  CapacitySample,
  CaseResult,
  ClassResult,
  Coverage,
  Evidence,
  Exchange,
  RequirementResult,
  TimelineEntry,
} from '../../contract/result.ts';
import type { TestFile } from './discover.ts';

export function readStream<T>(runDir: string, stream: string): T[] {
  const dir = join(runDir, stream);
  if (!existsSync(dir)) return [];
  const entries: T[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.ndjson')) continue;
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line) as T);
      } catch {
        // A torn last line from a killed worker; everything before it is still good.
      }
    }
  }
  return entries;
}

/** A test vitest reported but no worker recorded (a crash in a hook, a file that did not load). */
export interface UnrecordedTest {
  file: string;
  name: string;
  requirements: string[];
  state: 'failed' | 'passed' | 'skipped' | 'pending';
  message?: string;
}

export interface CollectInput {
  runDir: string;
  selected: RequirementInfo[];
  tests: TestFile[];
  notTestable: Readonly<Record<string, string>>;
  unrecorded: UnrecordedTest[];
  /** Most exchanges a report keeps; those cited as evidence are always kept. */
  exchangeLimit?: number;
}

export interface Collected {
  requirements: RequirementResult[];
  classes: ClassResult[];
  coverage: Coverage;
  exchanges: Exchange[];
  timeline: TimelineEntry[];
  capacitySamples: CapacitySample[];
  generated: number;
  tests: number;
}

const MAX_AMBIENT_EVIDENCE = 20;
const MAX_TIMELINE = 400;

function ambientCase(info: RequirementInfo, findings: AmbientRecord[], index: number): CaseResult {
  const evidence: Evidence[] = findings.slice(0, MAX_AMBIENT_EVIDENCE).map((finding) => {
    const item: Evidence = {
      message: finding.message ?? 'ambient check failed',
      exchangeIds: [finding.exchangeId],
    };
    if (finding.pointer !== undefined) item.pointer = finding.pointer;
    return item;
  });
  if (findings.length > MAX_AMBIENT_EVIDENCE) {
    evidence.push({
      message: `${findings.length - MAX_AMBIENT_EVIDENCE} more answers failed the same check`,
      exchangeIds: [],
    });
  }
  return {
    id: `${info.id}#${index}`,
    name: `ambient check of every answer (${findings.length} problem${findings.length === 1 ? '' : 's'})`,
    verdict: failureVerdict(info.level),
    evidence,
    durationMs: 0,
  };
}

/**
 * The sessions the report's timeline draws: at most MAX_TIMELINE, and of those the ones whose
 * lives show the most (the sessions that ran through their phases come late in a run, and a
 * chart of the first few hundred fresh offers would never show a COMPLETED one).
 */
function timelineOf(sightings: SightingRecord[]): TimelineEntry[] {
  const bySession = new Map<string, TimelineEntry>();
  for (const sighting of [...sightings].sort((a, b) => a.at.localeCompare(b.at))) {
    let entry = bySession.get(sighting.session);
    if (entry === undefined) {
      entry = {
        sessionUuid: sighting.session,
        requestedWindows: sighting.requestedWindows ?? [],
        phases: [],
      };
      bySession.set(sighting.session, entry);
    }
    if (sighting.offerset !== undefined) entry.offersetUuid = sighting.offerset;
    if (sighting.requestedWindows !== undefined && entry.requestedWindows.length === 0)
      entry.requestedWindows = sighting.requestedWindows;
    if (sighting.slot !== undefined) entry.slot = sighting.slot;
    if (entry.phases.at(-1)?.phase !== sighting.phase)
      entry.phases.push({ phase: sighting.phase, at: sighting.at });
  }
  const all = [...bySession.values()];
  if (all.length <= MAX_TIMELINE) return all;
  const order = new Map(all.map((entry, index) => [entry, index]));
  const kept = new Set(
    [...all]
      .sort(
        (a, b) => b.phases.length - a.phases.length || (order.get(a) ?? 0) - (order.get(b) ?? 0),
      )
      .slice(0, MAX_TIMELINE),
  );
  return all.filter((entry) => kept.has(entry));
}

export function collect(input: CollectInput): Collected {
  const cases = readStream<CaseRecord>(input.runDir, 'cases');
  const ambient = readStream<AmbientRecord>(input.runDir, 'ambient');
  const byRequirement = new Map<string, CaseRecord[]>();
  for (const record of cases)
    byRequirement.set(record.requirement, [
      ...(byRequirement.get(record.requirement) ?? []),
      record,
    ]);
  const ambientBy = new Map<string, AmbientRecord[]>();
  for (const finding of ambient)
    ambientBy.set(finding.requirement, [...(ambientBy.get(finding.requirement) ?? []), finding]);

  const requirements: RequirementResult[] = input.selected.map((info) => {
    const checkedBy = input.tests
      .filter((t) => t.requirements.includes(info.id))
      .map((t) => t.file);
    const results: CaseResult[] = (byRequirement.get(info.id) ?? []).map((record, i) => ({
      id: `${info.id}#${i + 1}`,
      name: record.name,
      verdict: record.verdict,
      evidence: record.evidence,
      durationMs: record.durationMs,
    }));
    for (const test of input.unrecorded.filter(
      (t) => t.requirements.includes(info.id) && t.state === 'failed',
    )) {
      results.push({
        id: `${info.id}#${results.length + 1}`,
        name: `${test.name} (${test.file})`,
        verdict: 'ERROR',
        evidence: [
          {
            message: test.message ?? 'the test failed before the harness could record it',
            exchangeIds: [],
          },
        ],
        durationMs: 0,
      });
    }
    const findings = ambientBy.get(info.id) ?? [];
    if (findings.length > 0) results.push(ambientCase(info, findings, results.length + 1));
    let verdict = worstVerdict(results.map((r) => r.verdict));
    if (verdict === undefined) {
      const reason = input.notTestable[info.id];
      verdict = 'NOT_APPLICABLE';
      results.push({
        id: `${info.id}#1`,
        name: reason === undefined ? 'no test ran for this requirement' : 'not yet testable',
        verdict,
        evidence: [
          {
            message:
              reason ??
              (checkedBy.length === 0
                ? 'no conformance test checks this requirement yet'
                : 'its tests were not run'),
            exchangeIds: [],
          },
        ],
        durationMs: 0,
      });
    }
    return { ...info, verdict, cases: results, checkedBy };
  });

  const classNames = [...new Set(requirements.map((r) => r.class))];
  const classes: ClassResult[] = classNames.map((name) => {
    const members = requirements.filter((r) => r.class === name);
    const counts = countVerdicts(members);
    return {
      name,
      verdict: worstVerdict(members.map((m) => m.verdict)) ?? 'NOT_APPLICABLE',
      counts,
    };
  });

  const all = catalogue();
  const covered = all.filter((info) => input.tests.some((t) => t.requirements.includes(info.id)));
  const coverage: Coverage = {
    total: all.length,
    covered: covered.length,
    notTestable: all
      .filter((info) => !covered.includes(info))
      .map((info) => ({
        id: info.id,
        reason: input.notTestable[info.id] ?? 'no conformance test checks it yet',
      })),
  };

  const cited = new Set(
    requirements.flatMap((r) => r.cases.flatMap((c) => c.evidence.flatMap((e) => e.exchangeIds))),
  );
  const limit = input.exchangeLimit ?? 2000;
  const allExchanges = readStream<Exchange>(input.runDir, 'exchanges').sort((a, b) =>
    a.startedAt.localeCompare(b.startedAt),
  );
  let uncited = 0;
  const exchanges = allExchanges.filter((exchange) => {
    if (cited.has(exchange.id)) return true;
    uncited += 1;
    return uncited <= Math.max(0, limit - cited.size);
  });

  return {
    requirements,
    classes,
    coverage,
    exchanges,
    timeline: timelineOf(readStream<SightingRecord>(input.runDir, 'timeline')),
    capacitySamples: readStream<CapacitySample>(input.runDir, 'capacity'),
    generated: cases.reduce((sum, record) => sum + (record.generated ?? 0), 0),
    tests: cases.length,
  };
}
