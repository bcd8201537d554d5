// Where the spec-tools tests find their inputs. Upstream material is optional: tests that read
// it skip (saying why) where the folder is absent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFECTS = fileURLToPath(new URL('../../fixtures/spec-defects/', import.meta.url));
export const EXAMPLES = `${DEFECTS}examples/`;
export const PROJECT_SPEC = fileURLToPath(
  new URL('../../spec/execution-broker.yaml', import.meta.url),
);

export const UPSTREAM = process.env.EB_UPSTREAM ?? '/work/shared/upstream';
export const HAS_UPSTREAM = existsSync(UPSTREAM);
export const V105 = `${UPSTREAM}/calycopis-openapi-1.0.5/schema/v1.0`;
export const V107 = `${UPSTREAM}/calycopis-openapi-1.0.7/schema/v1.0`;
export const WD2025 = `${UPSTREAM}/ivoa-std-2025/docs/schema`;
export const WD2025_TEX = `${UPSTREAM}/ivoa-std-2025/ExecutionBroker.tex`;
