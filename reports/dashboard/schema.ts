// dashboard.json's schema (dashboard.schema.json, shipped for other tools) and its checker.

import { schemaChecker } from '../schema-check.ts';

export const DASHBOARD_SCHEMA_URL = new URL('./dashboard.schema.json', import.meta.url);

/** Schema problems of a parsed dashboard.json, as "pointer: message" lines; empty when valid. */
export const dashboardSchemaIssues = schemaChecker(DASHBOARD_SCHEMA_URL);
