// The contract as code: the one entry point other parts import from spec/.

export { loadSpec, hashDocument, OWN_SPEC } from './load.ts';
export type { BundledSpec, LoadOptions, JsonObject } from './load.ts';
export {
  normalisePattern,
  normalisePatternDetailed,
  patternError,
  compilePattern,
} from './patterns.ts';
export type { NormalisedPattern } from './patterns.ts';
export { createValidator, formatIssue, DOCUMENT_TYPES } from './validate.ts';
export type {
  Validator,
  ValidatorOptions,
  ValidationIssue,
  ValidationResult,
  DocumentType,
} from './validate.ts';
export {
  getProfile,
  listProfiles,
  resolveProfile,
  kindUri,
  kindName,
  kindNameIn,
  connectorKindUri,
  connectorKindName,
  CONNECTOR_KIND_NAMES,
  PROFILE_NAMES,
  WIRE_PROFILE_NAMES,
  isWireProfile,
  DEFAULT_PROFILE,
  KIND_NAMES,
  EXECUTABLE_KIND_NAMES,
  DATA_KIND_NAMES,
} from './profiles.ts';
export type {
  Profile,
  ProfileName,
  ProfilePaths,
  KindName,
  ConnectorKindName,
  WireProfileName,
} from './profiles.ts';
export {
  loadRequirements,
  loadRequirementCatalogue,
  getRequirement,
  requirementClasses,
  parseRequirements,
  parseSource,
  REQUIREMENT_LEVELS,
  REQUIREMENTS_FILE,
} from './requirements.ts';
export type {
  Requirement,
  RequirementLevel,
  RequirementCatalogue,
  RequirementSource,
} from './requirements.ts';
export { validateCommand, detectDocumentType, VALIDATE_USAGE } from './validate-command.ts';
export type { CommandIo } from './validate-command.ts';
export { checkOpenApiStructure, OPENAPI_31_META_SCHEMA } from './structure.ts';
export type { StructureProblem } from './structure.ts';
export { wireSpec } from './wire.ts';
export { UPSTREAM_DIR, hasUpstream } from './upstream.ts';
export { parseDuration } from './iso8601.ts';
