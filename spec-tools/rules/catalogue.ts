// Every lint rule, in the order findings are explained (structure first, style last).
import { bodyWithoutSchema } from './body-without-schema.ts';
import { componentUnused } from './component-unused.ts';
import { discriminatorMappingNotSubtype } from './discriminator-mapping-not-subtype.ts';
import { discriminatorMappingUnresolved } from './discriminator-mapping-unresolved.ts';
import { discriminatorKeyMismatch } from './discriminator-key-mismatch.ts';
import { discriminatorKeyUnresolved } from './discriminator-key-unresolved.ts';
import { enumDrift } from './enum-drift.ts';
import { exampleInvalid } from './example-invalid.ts';
import { formatNonStandard } from './format-non-standard.ts';
import { keywordNonStandard } from './keyword-non-standard.ts';
import { notOpenapi } from './not-openapi.ts';
import { patternExampleMismatch } from './pattern-example-mismatch.ts';
import { patternJsIncompatible } from './pattern-js-incompatible.ts';
import { propertyNameDrift } from './property-name-drift.ts';
import { refBareName } from './ref-bare-name.ts';
import { refMalformed } from './ref-malformed.ts';
import { refUnresolved } from './ref-unresolved.ts';
import { requiredUndefined } from './required-undefined.ts';
import type { LintRule } from './rule.ts';
import { titleMismatch } from './title-mismatch.ts';
import { yamlSyntax } from './yaml-syntax.ts';

export const LINT_RULES: readonly LintRule[] = [
  yamlSyntax,
  notOpenapi,
  refUnresolved,
  refBareName,
  refMalformed,
  discriminatorMappingUnresolved,
  discriminatorMappingNotSubtype,
  discriminatorKeyUnresolved,
  discriminatorKeyMismatch,
  requiredUndefined,
  patternJsIncompatible,
  patternExampleMismatch,
  exampleInvalid,
  bodyWithoutSchema,
  enumDrift,
  propertyNameDrift,
  titleMismatch,
  formatNonStandard,
  keywordNonStandard,
  componentUnused,
];
