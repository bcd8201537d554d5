// The requirement catalogue as the harness needs it: level and class by id. The catalogue
// itself (spec/requirements.yaml) is loaded by spec/; this only indexes it once per process.

import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { loadRequirements, REQUIREMENTS_FILE } from '../../spec/index.ts';
import type { Level } from '../../contract/result.ts';

export interface RequirementInfo {
  id: string;
  class: string;
  level: Level;
  source: string;
  statement: string;
}

let index: Map<string, RequirementInfo> | undefined;

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  // A plain scalar holding ": " reads as a one-entry mapping; put the sentence back together.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value)
      .map(([key, rest]) => `${key}: ${text(rest)}`)
      .join(' ');
  }
  return String(value);
}

/**
 * The catalogue, even when its YAML has a recoverable syntax slip: a run must not die because
 * one statement is badly quoted. The strict loader is tried first.
 */
function loadLeniently(): RequirementInfo[] {
  try {
    return loadRequirements().map((req) => ({ ...req, level: req.level as Level }));
  } catch (strictError) {
    const doc = parseDocument(readFileSync(REQUIREMENTS_FILE, 'utf8')).toJS() as {
      requirements?: unknown;
    };
    if (!Array.isArray(doc.requirements)) throw strictError;
    return doc.requirements.map((raw) => {
      const req = raw as Record<string, unknown>;
      return {
        id: text(req.id),
        class: text(req.class),
        level: text(req.level) as Level,
        source: text(req.source),
        statement: text(req.statement),
      };
    });
  }
}

function catalogueIndex(): Map<string, RequirementInfo> {
  index ??= new Map(loadLeniently().map((req) => [req.id, req]));
  return index;
}

export function catalogue(): RequirementInfo[] {
  return [...catalogueIndex().values()];
}

export function requirementInfo(id: string): RequirementInfo | undefined {
  return catalogueIndex().get(id);
}

export function levelOf(id: string): Level | undefined {
  return requirementInfo(id)?.level;
}
