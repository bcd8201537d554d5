// Checking a document against one of the JSON Schemas eb-conform ships (report.json,
// dashboard.json): compiled once, on first use, with formats; problems come back as
// "pointer: message" lines a person can act on.

import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

type Compiled = ((doc: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** A checker for the schema at `url`: the problems of a parsed document, empty when it is valid. */
export function schemaChecker(url: URL): (doc: unknown) => string[] {
  let compiled: Compiled | undefined;
  return (doc) => {
    if (compiled === undefined) {
      const ajv = new Ajv2020({ allErrors: true, strict: true });
      addFormats(ajv);
      compiled = ajv.compile(JSON.parse(readFileSync(url, 'utf8')) as object);
    }
    if (compiled(doc)) return [];
    return (compiled.errors ?? []).map(
      (error) =>
        `${error.instancePath === '' ? '/' : error.instancePath}: ${error.message ?? error.keyword}`,
    );
  };
}
