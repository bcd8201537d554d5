// What `spec examples` reports about each example it found, and about the whole run.
import type { Snippet } from '../extract/snippet.ts';

export type ExampleVerdict =
  'valid' | 'invalid' | 'incomplete' | 'unparseable' | 'unknown-type' | 'not-a-document';

export interface ExampleIssue {
  pointer: string;
  /** Line in the example's file, where the pointer can be placed. */
  line?: number;
  message: string;
}

export interface ExampleResult {
  file: string;
  line: number;
  source: Snippet['source'];
  type: string | null;
  /** `schema`: an example written in a description, beside the schema it illustrates. */
  typeFrom: 'comment' | 'http' | 'shape' | 'schema' | null;
  verdict: ExampleVerdict;
  errors: ExampleIssue[];
  /** Properties the schema does not define: valid (schemas are open) but usually a mistake. */
  warnings: ExampleIssue[];
  note?: string;
}

export interface ExamplesReport {
  spec: string;
  profile: string;
  /** Why this profile: named with --profile, read from the inputs, or the default. */
  profileReason: string;
  validator: 'spec-module' | 'spec-tools';
  examples: ExampleResult[];
  summary: Record<ExampleVerdict, number> & { total: number };
}

export interface ExamplesOptions {
  spec?: string;
  /** A profile name; without one it is picked from what the inputs say (see profile-pick.ts). */
  profile?: string;
}
