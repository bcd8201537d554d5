// The spec as Prism needs it to answer with valid documents. spec/wire.ts already closes every
// polymorphic part into a `oneOf` of branches pinned to their kind URI with `const`; two more
// rewrites, each keeping what the schema accepts, make Prism's example generator produce those
// URIs and stay within its budget:
// - a branch's `properties.kind.const` moves into its `allOf`, where the generator looks (beside
//   the `allOf` it lets the referenced schema's plain string win, and every kind reads "string");
// - a slot's own `allOf: [Base]` is dropped when every branch already includes Base, so Base is
//   not generated twice (twice is over Prism's fixed budget of 2,500 schema nodes per answer);
// - an offer set carries no `kind` (no profile maps one for it, and the reference broker sends
//   none), so Prism does not invent the kind "string" there;
// - for --dynamic, a string with a pattern is drawn from the schema's own examples when it has
//   some: the random generator ignores lookarounds (durations such as "P" or "P81Y6DT") and
//   meets the rest to the letter only (instants such as "1216-11-30T10:23:18.988640624-2042").

import { wireSpec, type JsonObject, type ProfileName } from '../../spec/index.ts';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ allOf: [{ $ref }], properties: { kind: { const } }, required }` -> the const inside allOf. */
function pinInsideAllOf(branch: JsonObject): JsonObject {
  if (!Array.isArray(branch.allOf) || !isObject(branch.properties)) return branch;
  const { properties, required, ...rest } = branch;
  const pin: JsonObject = { properties };
  if (required !== undefined) pin.required = required;
  return { ...rest, allOf: [...branch.allOf, pin] };
}

/** The `$ref`s a schema's `allOf` names directly. */
function allOfRefs(schema: unknown): string[] {
  if (!isObject(schema) || !Array.isArray(schema.allOf)) return [];
  return schema.allOf.flatMap((part) =>
    isObject(part) && typeof part.$ref === 'string' ? [part.$ref] : [],
  );
}

function resolve(document: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const token of ref.slice(2).split('/')) node = isObject(node) ? node[token] : undefined;
  return node;
}

/** Whether every branch's own schema already extends `base` (so the slot need not). */
function branchesInclude(document: JsonObject, branches: unknown[], base: string): boolean {
  return branches.every((branch) =>
    allOfRefs(branch).some(
      (ref) => ref === base || allOfRefs(resolve(document, ref)).includes(base),
    ),
  );
}

/** Rewrites one schema of components.schemas; anything it does not recognise is left as it is. */
function rewrite(document: JsonObject, schema: JsonObject): JsonObject {
  if (!Array.isArray(schema.oneOf)) return schema;
  const branches = schema.oneOf.map((branch) =>
    isObject(branch) ? pinInsideAllOf(branch) : branch,
  );
  const out: JsonObject = { ...schema, oneOf: branches };
  const bases = allOfRefs(schema);
  if (
    bases.length > 0 &&
    bases.length === (schema.allOf as unknown[]).length &&
    bases.every((base) => branchesInclude(document, schema.oneOf as unknown[], base))
  )
    delete out.allOf;
  return out;
}

/** Schemas whose `kind` no profile maps: Prism leaves it out of them. */
const KINDLESS = ['OfferSetResponse'];

/** `allOf: [Component]` spelled out without Component's `kind`: the rest of it stays. */
function withoutKind(document: JsonObject, schema: JsonObject): JsonObject {
  const bases = allOfRefs(schema);
  if (bases.length !== 1 || !Array.isArray(schema.allOf) || schema.allOf.length !== 1)
    return schema;
  const base = resolve(document, bases[0]!);
  if (!isObject(base) || !isObject(base.properties) || !('kind' in base.properties)) return schema;
  const { kind: _kind, ...inherited } = base.properties;
  const { allOf: _allOf, ...rest } = schema;
  return {
    ...rest,
    properties: { ...inherited, ...(isObject(schema.properties) ? schema.properties : {}) },
  };
}

/** Adds `x-faker` (Prism's dynamic generator) to patterned strings that have examples. */
function drawFromExamples(node: unknown): void {
  if (Array.isArray(node)) node.forEach(drawFromExamples);
  if (!isObject(node)) return;
  if (typeof node.pattern === 'string' && Array.isArray(node.examples) && node.examples.length > 0)
    node['x-faker'] = { 'helpers.arrayElement': [node.examples] };
  Object.values(node).forEach(drawFromExamples);
}

/** The project's spec in one wire version's form, ready to be served by Prism. */
export function prismDocument(profile: ProfileName = 'v1.0.7'): JsonObject {
  const document = structuredClone(wireSpec(profile).document);
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  for (const [name, schema] of Object.entries(schemas))
    if (isObject(schema)) schemas[name] = rewrite(document, schema);
  for (const name of KINDLESS)
    if (isObject(schemas[name])) schemas[name] = withoutKind(document, schemas[name]);
  drawFromExamples(schemas);
  if (isObject(document.info))
    document.info = {
      ...document.info,
      description: `${String(document.info.description ?? '')}\n\nServed by Prism through eb-conform (schema-shaped answers: no state, no lifecycle).`,
    };
  return document;
}
