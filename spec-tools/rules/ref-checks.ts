// Every `$ref` and discriminator mapping of a spec set, resolved once and shared by the rules
// that report on references (each rule picks the problems it owns).
import { collectRefs } from '../load/spec-set.ts';
import type { Location, RefResolution, SpecSet } from '../load/spec-set.ts';
import { joinPointer } from '../load/source-file.ts';
import { forEachSchema, isRecord } from '../load/schemas.ts';
import type { SchemaSite } from '../load/schemas.ts';

export interface CheckedRef {
  file: string;
  /** Pointer of the `$ref` member itself (so findings land on its line). */
  pointer: string;
  ref: unknown;
  resolution: RefResolution | undefined;
}

const cache = new WeakMap<SpecSet, CheckedRef[]>();

export function checkedRefs(set: SpecSet): CheckedRef[] {
  const known = cache.get(set);
  if (known) return known;
  const checked: CheckedRef[] = [];
  for (const source of set.files.values()) {
    for (const { pointer, ref } of collectRefs(source.data)) {
      // `$ref` inside example values is data, not a reference.
      if (/\/(examples?|default|const|enum)(\/|$)/.test(pointer)) continue;
      checked.push({
        file: source.path,
        pointer: joinPointer(pointer, '$ref'),
        ref,
        resolution: typeof ref === 'string' ? set.resolveRef(source.path, ref) : undefined,
      });
    }
  }
  cache.set(set, checked);
  return checked;
}

/**
 * The schema name a reference was after, however broken: the last token of its pointer, or the
 * bare name, without stray quotes. Findings about broken references explain `component:<name>`.
 */
export function refTargetName(ref: string): string {
  const cleaned = ref.replace(/['"\s]/g, '');
  const hash = cleaned.indexOf('#');
  const tail = hash === -1 ? cleaned : cleaned.slice(hash + 1);
  const last = tail.split('/').pop() ?? '';
  return hash === -1 ? last.replace(/\.(ya?ml|json)$/i, '') : last;
}

/** How a reference should be written to reach a location from a file. */
export function suggestedRef(set: SpecSet, from: string, target: Location): string {
  if (target.file === from) return `#${target.pointer}`;
  const fromDisplay = set.display(from).split('/').slice(0, -1);
  const toDisplay = set.display(target.file).split('/');
  let common = 0;
  while (common < fromDisplay.length && fromDisplay[common] === toDisplay[common]) common++;
  const ups = fromDisplay.length - common;
  const path = [...(ups === 0 ? ['.'] : Array(ups).fill('..')), ...toDisplay.slice(common)].join(
    '/',
  );
  return `${path}#${target.pointer}`;
}

export interface MappingEntry {
  base: SchemaSite;
  key: string;
  value: unknown;
  /** Pointer of the mapping entry. */
  pointer: string;
  target: { location: Location; schema: Record<string, unknown> } | undefined;
  problem?: string;
}

/**
 * A mapping value is either a reference or a bare schema name (OpenAPI allows names here,
 * unlike in `$ref`); names are looked up in the base's own file, then everywhere.
 */
function resolveMapping(
  set: SpecSet,
  base: SchemaSite,
  value: string,
): MappingEntry['target'] | string {
  const looksLikeRef = value.includes('#') || value.includes('/') || /\.(ya?ml|json)$/.test(value);
  if (looksLikeRef) {
    const resolution = set.resolveRef(base.file, value);
    if (resolution.ok && isRecord(resolution.value)) {
      return { location: resolution.target, schema: resolution.value };
    }
    return resolution.ok ? `"${value}" is not a schema` : resolution.message;
  }
  const candidates = [base.file, ...set.roots, ...set.files.keys()];
  for (const file of candidates) {
    const schemas = set.file(file)?.data;
    const components =
      isRecord(schemas) && isRecord(schemas.components) ? schemas.components.schemas : undefined;
    if (isRecord(components) && isRecord(components[value])) {
      return {
        location: { file, pointer: joinPointer('/components/schemas', value) },
        schema: components[value] as Record<string, unknown>,
      };
    }
  }
  return `no schema named "${value}" in any file`;
}

const mappingCache = new WeakMap<SpecSet, MappingEntry[]>();

export function discriminatorMappings(set: SpecSet): MappingEntry[] {
  const known = mappingCache.get(set);
  if (known) return known;
  const entries: MappingEntry[] = [];
  forEachSchema(set, (site) => {
    const discriminator = site.schema.discriminator;
    if (!isRecord(discriminator) || !isRecord(discriminator.mapping)) return;
    for (const [key, value] of Object.entries(discriminator.mapping)) {
      const pointer = joinPointer(site.pointer, 'discriminator', 'mapping', key);
      if (typeof value !== 'string') {
        entries.push({
          base: site,
          key,
          value,
          pointer,
          target: undefined,
          problem: 'mapping value is not a string',
        });
        continue;
      }
      const resolved = resolveMapping(set, site, value);
      entries.push(
        typeof resolved === 'string'
          ? { base: site, key, value, pointer, target: undefined, problem: resolved }
          : { base: site, key, value, pointer, target: resolved },
      );
    }
  });
  mappingCache.set(set, entries);
  return entries;
}
