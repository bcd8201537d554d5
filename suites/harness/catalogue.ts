// The requirement catalogue as the harness needs it: level and class by id. The catalogue
// itself (spec/requirements.yaml) is loaded and checked by spec/ (a bad level is an error
// there, never guessed around); this only indexes it once per process.

import { loadRequirements } from '../../spec/index.ts';
import type { Level } from '../../contract/result.ts';

export interface RequirementInfo {
  id: string;
  class: string;
  level: Level;
  source: string;
  statement: string;
}

let index: Map<string, RequirementInfo> | undefined;

function catalogueIndex(): Map<string, RequirementInfo> {
  index ??= new Map(
    loadRequirements().map((req) => [req.id, { ...req, level: req.level as Level }]),
  );
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
