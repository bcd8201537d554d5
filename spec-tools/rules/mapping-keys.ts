// What the keys of discriminator mappings say. In the ExecutionBroker descriptions a key is a
// kind URI, and the URI path repeats the layout of the schema files (`.../kinds/compute/
// simple-compute-resource.yaml` is the file `kinds/compute/simple-compute-resource.yaml`).
// Which URI prefix stands for which folder is learnt from the keys that do name a file; a key
// under a learnt prefix that names no file is then a kind whose URI leads nowhere.
import { dirname, resolve } from 'node:path';
import { allOfClosure, componentName, isRecord } from '../load/schemas.ts';
import type { SpecSet } from '../load/spec-set.ts';
import { discriminatorMappings } from './ref-checks.ts';
import type { MappingEntry } from './ref-checks.ts';

export interface NamedFile {
  /** The path the key names, as written (no extension added when it had none). */
  path: string;
  /** The file that exists for it, extension added where needed. */
  found?: string;
}

export interface KeyReading {
  entry: MappingEntry;
  /** Set when the key is a URI or path that names a file. */
  named?: NamedFile;
  /** The kind's name in the key (last segment, no extension or version), as written. */
  slug?: string;
}

const EXTENSIONS = ['', '.yaml', '.yml', '.json'];
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;

function withoutFragment(key: string): string {
  const hash = key.indexOf('#');
  return hash === -1 ? key : key.slice(0, hash);
}

/** URI prefix -> local folder, learnt from keys whose path ends in the path of a known file. */
function learnPrefixes(set: SpecSet, keys: string[]): Map<string, string> {
  const prefixes = new Map<string, string>();
  const files = [...set.files.keys()].map((file) => file.split('\\').join('/'));
  for (const key of keys) {
    const uri = withoutFragment(key);
    const segments = uri.replace(ABSOLUTE, '').split('/').slice(1).filter(Boolean);
    for (let count = segments.length; count >= 1; count--) {
      const suffix = segments.slice(-count).join('/');
      const file = files.find((path) =>
        EXTENSIONS.some((extension) => path.endsWith(`/${suffix}${extension}`)),
      );
      if (!file) continue;
      const extension = EXTENSIONS.find((ext) => file.endsWith(`/${suffix}${ext}`)) ?? '';
      const prefix = uri.slice(0, uri.length - suffix.length);
      const folder = file.slice(0, file.length - suffix.length - extension.length);
      if (!prefixes.has(prefix)) prefixes.set(prefix, folder);
      break;
    }
  }
  return prefixes;
}

function findFile(set: SpecSet, path: string): string | undefined {
  return EXTENSIONS.map((extension) => path + extension).find((candidate) => set.exists(candidate));
}

/** The kind name a key spells: `.../S3-data-resource-1.0` -> `S3-data-resource`. */
export function keySlug(key: string): string | undefined {
  const last = withoutFragment(key).split(/[/:]/).pop() ?? '';
  const slug = last.replace(/\.(ya?ml|json)$/i, '').replace(/-v?\d+(\.\d+)*$/, '');
  return slug === '' ? undefined : slug;
}

/** Lower case letters and digits only, so `S3-data-resource` and `S3DataResource` compare equal. */
export function comparable(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const cache = new WeakMap<SpecSet, KeyReading[]>();

export function readMappingKeys(set: SpecSet): KeyReading[] {
  const known = cache.get(set);
  if (known) return known;
  const entries = discriminatorMappings(set);
  const prefixes = learnPrefixes(
    set,
    entries.map((entry) => entry.key).filter((key) => ABSOLUTE.test(key)),
  );
  const longestFirst = [...prefixes].sort(([a], [b]) => b.length - a.length);
  const readings = entries.map((entry): KeyReading => {
    const slug = keySlug(entry.key);
    const uri = withoutFragment(entry.key);
    let path: string | undefined;
    if (ABSOLUTE.test(uri)) {
      const match = longestFirst.find(([prefix]) => uri.startsWith(prefix));
      if (match) path = match[1] + uri.slice(match[0].length);
    } else if (uri.includes('/') || /\.(ya?ml|json)$/i.test(uri)) {
      path = resolve(dirname(entry.base.file), uri);
    }
    const found = path === undefined ? undefined : findFile(set, path);
    return {
      entry,
      ...(path !== undefined ? { named: { path, ...(found ? { found } : {}) } } : {}),
      ...(slug ? { slug } : {}),
    };
  });
  cache.set(set, readings);
  return readings;
}

/**
 * The files a mapped schema is written in: its own, and those of the parts it adds through
 * allOf (not those it shares with the base, such as the base's own file).
 */
export function filesOfTarget(set: SpecSet, entry: MappingEntry): Set<string> {
  if (!entry.target) return new Set();
  const target = { ...entry.target.location, schema: entry.target.schema };
  const inherited = new Set(allOfClosure(set, entry.base).map((part) => part.file));
  const files = new Set([target.file]);
  for (const part of allOfClosure(set, target)) if (!inherited.has(part.file)) files.add(part.file);
  return files;
}

/** The name a mapped schema goes by in messages. */
export function targetName(entry: MappingEntry): string {
  if (!entry.target) return String(entry.value);
  const { schema, location } = entry.target;
  return (
    componentName(location.pointer) ??
    (isRecord(schema) && typeof schema.title === 'string' ? schema.title : location.pointer)
  );
}

/**
 * Files named by keys that were not found, each with the extensions a key may leave out: a
 * description read over HTTP fetches these before linting, since only what is fetched exists.
 */
export function missingKeyFiles(set: SpecSet): string[] {
  return readMappingKeys(set)
    .filter((reading) => reading.named && !reading.named.found)
    .flatMap((reading) =>
      EXTENSIONS.map((extension) => (reading.named as NamedFile).path + extension),
    );
}
