// The requirement catalogue (requirements.yaml), loaded and checked once. Ids, levels and sources
// live only there; tests and reports look them up here.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const REQUIREMENT_LEVELS = ['MUST', 'SHOULD', 'MAY', 'CONVENTION'] as const;
export type RequirementLevel = (typeof REQUIREMENT_LEVELS)[number];

export interface Requirement {
  id: string;
  class: string;
  level: RequirementLevel;
  source: string;
  statement: string;
}

export interface RequirementCatalogue {
  version: number;
  /** Conformance class name -> one-sentence description, in catalogue order. */
  classes: Record<string, string>;
  requirements: Requirement[];
}

export const REQUIREMENTS_FILE = fileURLToPath(new URL('./requirements.yaml', import.meta.url));

let cache: RequirementCatalogue | undefined;

/** Parses and checks a catalogue; every problem is reported at once, by entry. */
export function parseRequirements(
  source: string,
  file = 'requirements.yaml',
): RequirementCatalogue {
  const raw: unknown = parse(source);
  if (raw === null || typeof raw !== 'object') throw new Error(`${file}: not a mapping`);
  const doc = raw as Record<string, unknown>;
  const classes = (doc.classes ?? {}) as Record<string, string>;
  const list = Array.isArray(doc.requirements) ? (doc.requirements as unknown[]) : [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const requirements: Requirement[] = [];
  list.forEach((entry, index) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const where = typeof e.id === 'string' ? e.id : `entry ${index}`;
    for (const key of ['id', 'class', 'level', 'source', 'statement']) {
      if (typeof e[key] !== 'string' || e[key] === '') problems.push(`${where}: missing ${key}`);
    }
    if (typeof e.id === 'string') {
      if (!e.id.startsWith('/req/')) problems.push(`${where}: id must start with /req/`);
      if (seen.has(e.id)) problems.push(`${where}: duplicate id`);
      seen.add(e.id);
    }
    if (typeof e.class === 'string' && !(e.class in classes))
      problems.push(`${where}: unknown class ${e.class}`);
    if (
      typeof e.level === 'string' &&
      !(REQUIREMENT_LEVELS as readonly string[]).includes(e.level)
    ) {
      problems.push(`${where}: unknown level ${e.level}`);
    }
    requirements.push(e as unknown as Requirement);
  });
  if (problems.length > 0)
    throw new Error(`${file}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return { version: typeof doc.version === 'number' ? doc.version : 1, classes, requirements };
}

export function loadRequirementCatalogue(): RequirementCatalogue {
  cache ??= parseRequirements(readFileSync(REQUIREMENTS_FILE, 'utf8'), REQUIREMENTS_FILE);
  return cache;
}

export function loadRequirements(): Requirement[] {
  return loadRequirementCatalogue().requirements;
}

export function getRequirement(id: string): Requirement | undefined {
  return loadRequirements().find((r) => r.id === id);
}

export function requirementClasses(): string[] {
  return Object.keys(loadRequirementCatalogue().classes);
}

/** A parsed `source` line: where in the upstream material (or the project) a rule comes from. */
export type RequirementSource =
  | { kind: 'tex'; from: number; to: number }
  | { kind: 'schema'; version: string; file: string; from: number; to: number }
  | { kind: 'project'; file: string }
  | { kind: 'broker'; broker: string; behaviour: string }
  | { kind: 'unknown'; text: string };

export function parseSource(source: string): RequirementSource {
  const tex = /^tex (\d+)(?:-(\d+))?$/.exec(source);
  if (tex) return { kind: 'tex', from: Number(tex[1]), to: Number(tex[2] ?? tex[1]) };
  const schema = /^schema (v[\d.]+) (\S+) (\d+)(?:-(\d+))?$/.exec(source);
  if (schema) {
    return {
      kind: 'schema',
      version: schema[1] ?? '',
      file: schema[2] ?? '',
      from: Number(schema[3]),
      to: Number(schema[4] ?? schema[3]),
    };
  }
  const project = /^project (\S+)$/.exec(source);
  if (project) return { kind: 'project', file: project[1] ?? '' };
  const broker = /^broker ([a-z][a-z0-9-]*) ([a-z][a-z0-9-]*)$/.exec(source);
  if (broker) return { kind: 'broker', broker: broker[1] ?? '', behaviour: broker[2] ?? '' };
  return { kind: 'unknown', text: source };
}
