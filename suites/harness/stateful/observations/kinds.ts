// The kinds of shared observation a conformance file can declare it judges
// (`export const observes = ['expiry'] as const;`); read by the runner's discovery, so it stays
// free of imports.

export const OBSERVATION_KINDS = ['expiry', 'release', 'progress', 'connectors', 'model'] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];
