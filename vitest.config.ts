import { defineConfig } from 'vitest/config';

// Two projects share one config:
// - `unit`: the toolkit's own tests (spec loader, reference broker, harness, reports, tools).
// - `conformance`: the conformance suites under suites/<class>/, aimed at a broker through
//   EB_TARGET (a base URL). The CLI `eb-conform run` drives the same files via vitest's Node API.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['suites/*/**/*.test.ts'],
          exclude: ['suites/harness/**', 'suites/arbitraries/**', 'suites/model/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          globalSetup: ['cli/targets/vitest-setup.ts'],
        },
      },
    ],
  },
});
