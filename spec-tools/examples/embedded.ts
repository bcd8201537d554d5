// Examples written inside a description (`example`/`examples` beside a schema or under a media
// type) are checked against the schema they illustrate, in that same description: that is the
// claim the editor made by putting them there.
import { extname } from 'node:path';
import { getAtPointer, unescapePointerToken } from '../load/source-file.ts';
import { componentName, isRecord } from '../load/schemas.ts';
import type { SpecSet } from '../load/spec-set.ts';
import { exampleSites } from '../rules/example-invalid.ts';
import { createSchemaChecker } from '../schema-check.ts';
import type { ExampleResult } from './types.ts';

/** The name of what a schema describes: the component it is or refers to, or where it sits. */
function schemaLabel(set: SpecSet, file: string, pointer: string): string {
  const schema = getAtPointer(set.file(file)?.data, pointer);
  const ref = isRecord(schema) && typeof schema.$ref === 'string' ? schema.$ref : undefined;
  const target = ref === undefined ? undefined : set.follow(file, ref);
  const name = componentName(target?.target.pointer ?? pointer);
  if (name) return name;
  const operation =
    /^\/paths\/([^/]+)\/([a-z]+)\/(?:requestBody|responses\/([^/]+))\/content\/([^/]+)/.exec(
      pointer,
    );
  if (!operation) return pointer;
  const [, path, method, status, media] = operation.map((token) =>
    token === undefined ? '' : unescapePointerToken(token),
  );
  return `${method?.toUpperCase()} ${path} ${status || 'request'} ${media}`;
}

export function judgeEmbedded(
  set: SpecSet,
  files: Set<string>,
  display: (path: string) => string,
): ExampleResult[] {
  const sites = exampleSites(set).filter((site) => files.has(site.file));
  if (sites.length === 0) return [];
  const checker = createSchemaChecker(set);
  return sites.map((site): ExampleResult => {
    const source = set.file(site.file);
    const lineOf = (pointer: string) => source?.lineOf(pointer) ?? 1;
    const base = {
      file: display(site.file),
      line: lineOf(site.pointer),
      source: extname(site.file).toLowerCase() === '.json' ? ('json' as const) : ('yaml' as const),
      type: schemaLabel(set, site.schema.file, site.schema.pointer),
      typeFrom: 'schema' as const,
      warnings: [],
    };
    const result = checker.check(site.schema, site.value);
    if ('error' in result) {
      return { ...base, verdict: 'unknown-type', errors: [], note: result.error };
    }
    const errors = result.issues.map((issue) => ({
      pointer: issue.pointer,
      line: lineOf(site.pointer + issue.pointer),
      message: issue.message,
    }));
    return { ...base, verdict: errors.length === 0 ? 'valid' : 'invalid', errors };
  });
}
