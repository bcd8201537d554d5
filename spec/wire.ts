// The project's spec spelled out for one wire version: operation paths renamed to the profile's,
// and every polymorphic part closed into a `oneOf` over the kinds the profile maps, each pinned
// to its URI with `const`. Generic tools that know nothing of profiles (Prism, json-schema-faker,
// plain Ajv) can then validate and generate documents in that version's format.

import { hashDocument, isObject, loadSpec, type BundledSpec, type JsonObject } from './load.ts';
import { resolveProfile, type KindName, type Profile, type ProfileName } from './profiles.ts';

const KINDS_KEYWORD = 'x-eb-kinds';

// Where each canonical operation lives in the project spec (the v1.0.7 paths).
const CANONICAL_PATHS = {
  create: '/requests',
  direct: '/direct',
  offerset: '/offersets/{uuid}',
  session: '/sessions/{uuid}',
} as const;

function close(schema: JsonObject, profile: Profile): JsonObject {
  const kinds = schema[KINDS_KEYWORD] as Record<string, string>;
  const property = profile.discriminator;
  const branches: JsonObject[] = [];
  const mapping: Record<string, string> = {};
  for (const [name, target] of Object.entries(kinds)) {
    const uri = profile.kinds[name as KindName];
    if (uri === undefined) continue; // a kind this version cannot express
    mapping[uri] = target;
    branches.push({
      allOf: [{ $ref: target }],
      properties: { [property]: { const: uri } },
      required: [property],
    });
  }
  const { [KINDS_KEYWORD]: _dropped, discriminator: _old, ...rest } = schema;
  // No branch at all (e.g. costs in 1.0.5): nothing of this family can be valid.
  return {
    ...rest,
    ...(branches.length > 0
      ? { oneOf: branches, discriminator: { propertyName: property, mapping } }
      : { not: {} }),
  };
}

/** Renames the discriminator member for profiles that call it `type` instead of `kind`. */
export function renameDiscriminator(node: unknown, to: string): unknown {
  if (to === 'kind') return node;
  if (Array.isArray(node)) return node.map((item) => renameDiscriminator(item, to));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = renameDiscriminator(value, to);
  if (isObject(out.properties) && 'kind' in out.properties && !(to in out.properties)) {
    const { kind, ...others } = out.properties;
    out.properties = { ...others, [to]: kind };
  }
  if (Array.isArray(out.required)) out.required = out.required.map((n) => (n === 'kind' ? to : n));
  if (isObject(out.discriminator) && out.discriminator.propertyName === 'kind')
    out.discriminator = { ...out.discriminator, propertyName: to };
  return out;
}

function renamePaths(paths: JsonObject, profile: Profile): JsonObject {
  const out: JsonObject = {};
  for (const [path, item] of Object.entries(paths)) {
    const role = (Object.keys(CANONICAL_PATHS) as (keyof typeof CANONICAL_PATHS)[]).find(
      (r) => CANONICAL_PATHS[r] === path,
    );
    const target = role === undefined ? path : profile.paths[role];
    if (target === undefined) continue; // the version has no such operation
    out[target] = isObject(out[target]) && isObject(item) ? { ...out[target], ...item } : item;
  }
  return out;
}

const cache = new Map<string, BundledSpec>();

/**
 * The spec as one wire version writes it: profile paths, kinds closed over the profile's URIs,
 * the discriminator renamed where the version calls it `type`. Cached per spec and profile.
 */
export function wireSpec(
  profileOrName?: ProfileName | Profile,
  base: BundledSpec = loadSpec(),
): BundledSpec {
  const profile = resolveProfile(profileOrName);
  const key = `${base.specHash}|${profile.name}|${JSON.stringify(profile.kinds)}`;
  const known = cache.get(key);
  if (known !== undefined) return known;

  const document = structuredClone(base.document);
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (isObject(schema) && isObject(schema[KINDS_KEYWORD])) schemas[name] = close(schema, profile);
  }
  document.components = {
    ...components,
    schemas: renameDiscriminator(schemas, profile.discriminator),
  };
  if (isObject(document.paths)) document.paths = renamePaths(document.paths, profile);
  if (isObject(document.info)) document.info = { ...document.info, 'x-eb-profile': profile.name };

  const spec: BundledSpec = {
    ...base,
    document,
    specHash: hashDocument(document),
    warnings: [...base.warnings],
  };
  cache.set(key, spec);
  return spec;
}
