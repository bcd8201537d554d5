// eb-conform command dispatcher. Each sub-command lives in its own module and is loaded only
// when used, so `eb-conform mock` does not pay for loading vitest and `run` does not pay for
// the spec tools.

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: {
    summary: 'run the conformance suites against a broker (default: the built-in one)',
    load: async () => (await import('./run.ts')).runCommand,
  },
  init: {
    summary: 'probe a broker and write a commented declaration for `run --declare`',
    load: async () => (await import('./init.ts')).initCommand,
  },
  mock: {
    summary: 'start the reference broker',
    load: async () => (await import('./mock.ts')).mockCommand,
  },
  check: {
    summary: 'judge recorded traffic (HAR, transcripts, document folders, histories) offline',
    load: async () => (await import('./check.ts')).checkCommand,
  },
  proxy: {
    summary: 'a recording, validating reverse proxy between any client and a broker',
    load: async () => (await import('./proxy.ts')).proxyCommand,
  },
  replay: {
    summary: 're-send the exchanges of a failing requirement or case from a report',
    load: async () => (await import('./replay.ts')).replayCommand,
  },
  merge: {
    summary: 'merge many runs (report.json files or folders) into one fleet dashboard',
    load: async () => (await import('./merge.ts')).mergeCommand,
  },
  fleet: {
    summary: 'plan a fan-out over many brokers: a GitHub Actions matrix or a Kubernetes Job',
    load: async () => (await import('./fleet.ts')).fleetCommand,
  },
  report: {
    summary: 're-render a stored report.json as html, md or junit',
    load: async () => (await import('./report.ts')).reportCommand,
  },
  spec: {
    summary: 'spec tools: lint, examples, diff, validate',
    load: async () => (await import('./spec.ts')).specCommand,
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(
    ([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`,
  );
  return [
    'usage: eb-conform <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'Run `eb-conform <command> --help` for the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    const { toolVersion } = await import('./version.ts');
    console.log(toolVersion());
    return 0;
  }
  const command = commands[name];
  if (command === undefined) {
    console.error(`eb-conform: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const run = await command.load();
  return run(rest);
}
