// Where the spec-tools tests find their inputs. Upstream material is optional: tests that read
// it skip (saying why) where ../shared/upstream is absent.
import { fileURLToPath } from 'node:url';
import { hasUpstream, OWN_SPEC, UPSTREAM_DIR } from '../../spec/index.ts';

export const DEFECTS = fileURLToPath(new URL('../../fixtures/spec-defects/', import.meta.url));
export const EXAMPLES = `${DEFECTS}examples/`;
export const PROJECT_SPEC = OWN_SPEC;

export const UPSTREAM = UPSTREAM_DIR;
export const HAS_UPSTREAM = hasUpstream();
export const V105 = `${UPSTREAM}/calycopis-openapi-1.0.5/schema/v1.0`;
export const V107 = `${UPSTREAM}/calycopis-openapi-1.0.7/schema/v1.0`;
export const WD2025 = `${UPSTREAM}/ivoa-std-2025/docs/schema`;
export const WD2025_TEX = `${UPSTREAM}/ivoa-std-2025/ExecutionBroker.tex`;
