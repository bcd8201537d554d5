// `eb-conform mock`: start the reference broker and keep it running until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { FAULTS, CALYCOPIS_PRESET, CALYCOPIS_QUIRKS, QUIRKS } from '../mock/faults.ts';
import { defaultLogMode, LOG_MODES, type LogMode } from '../mock/http/log.ts';
import { MockOptionsError, startMockBroker, type MockOptions } from '../mock/index.ts';
import { PlatformConfigError } from '../mock/domain/platform.ts';
import { runPrismEngine } from '../mock/prism/index.ts';

const USAGE = `usage: eb-conform mock [options]

  --port N             port to listen on (default 8080; 0 = any free port)
  --host H             address to listen on (default 127.0.0.1)
  --profile P          wire profile: v1.0.7 (default) or v1.0.5
  --config FILE        platform config (YAML), laid over the built-in default
  --time-scale N       run the broker clock N times faster than real time
  --clock C            real (default) or virtual (only moves through /_control/advance)
  --control            serve /_control/clock, /_control/advance, /_control/platform
  --fault A[,B]        switch on named defects or quirks (repeatable); "calycopis" is a preset
  --auth A             none (default), basic or bearer: what writes must authenticate with
  --user NAME:PW       a Basic identity (repeatable; implies --auth basic); the config's
                       identities count too
  --auth-reads         reads need credentials too (health never does)
  --token T            a bearer token (implies --auth bearer)
  --kind-host H        write kind URIs under host H (www.purl.org, the default, or w3id.org)
  --create-status S    answer create with 303 (default) or 200
  --log L              a line per request: pretty (default on a terminal), json (default
                       otherwise) or none
  --list-faults        list every fault with the requirement it breaks, then exit
  --engine E           reference (default) or prism: the spec served by Stoplight Prism,
                       schema-shaped answers only (takes --port, --host, --profile, --dynamic)
  --dynamic            with --engine prism: random answers instead of one fixed example
  --help               this text`;

/** What --engine prism can honour: Prism serves the spec and has no broker behaviour. */
const PRISM_FLAGS = new Set(['port', 'host', 'profile', 'engine', 'dynamic', 'help']);

function fail(message: string): number {
  console.error(`eb-conform mock: ${message}\n\n${USAGE}`);
  return 2;
}

function listFaults(): string {
  const width = Math.max(...FAULTS.map((fault) => fault.name.length));
  const lines = FAULTS.map(
    (fault) => `${fault.name.padEnd(width)}  ${fault.requirement}  ${fault.description}`,
  );
  lines.push('', 'quirks (allowed behaviour of the Java broker; no requirement is tied to them):');
  lines.push(...QUIRKS.map((quirk) => `${quirk.name.padEnd(width)}  ${quirk.description}`));
  lines.push('', `calycopis (preset): ${[...CALYCOPIS_PRESET, ...CALYCOPIS_QUIRKS].join(', ')}`);
  return lines.join('\n');
}

function number(
  text: string | undefined,
  name: string,
  check: (value: number) => boolean,
): number | string | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return text.trim() !== '' && check(value)
    ? value
    : `--${name}: ${JSON.stringify(text)} is not valid`;
}

/** Parses argv into broker options, or returns the message explaining what is wrong. */
export function parseMockArgs(
  argv: string[],
): { options: MockOptions; prism?: { dynamic: boolean } } | { help: string } | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        profile: { type: 'string' },
        config: { type: 'string' },
        'time-scale': { type: 'string' },
        clock: { type: 'string' },
        control: { type: 'boolean' },
        fault: { type: 'string', multiple: true },
        auth: { type: 'string' },
        user: { type: 'string', multiple: true },
        'auth-reads': { type: 'boolean' },
        token: { type: 'string' },
        'kind-host': { type: 'string' },
        log: { type: 'string' },
        'create-status': { type: 'string' },
        'list-faults': { type: 'boolean' },
        engine: { type: 'string' },
        dynamic: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help === true) return { help: USAGE };
  if (values['list-faults'] === true) return { help: listFaults() };
  const engine = values.engine ?? 'reference';
  if (engine !== 'reference' && engine !== 'prism')
    return { error: `--engine: ${JSON.stringify(engine)} is not an engine (reference or prism)` };
  if (engine === 'prism') {
    const other = Object.keys(values).filter((flag) => !PRISM_FLAGS.has(flag));
    if (other.length > 0)
      return {
        error: `--engine prism serves the spec only; it cannot take --${other.join(', --')}`,
      };
  } else if (values.dynamic === true) return { error: '--dynamic needs --engine prism' };
  const port = number(values.port, 'port', (n) => Number.isInteger(n) && n >= 0 && n <= 65535);
  const timeScale = number(values['time-scale'], 'time-scale', (n) => Number.isFinite(n) && n > 0);
  const createStatus = number(
    values['create-status'],
    'create-status',
    (n) => n === 303 || n === 200,
  );
  for (const parsed of [port, timeScale, createStatus])
    if (typeof parsed === 'string') return { error: parsed };
  const profile = values.profile;
  if (profile !== undefined && profile !== 'v1.0.7' && profile !== 'v1.0.5') {
    return { error: `--profile: ${JSON.stringify(profile)} is not a profile (v1.0.7 or v1.0.5)` };
  }
  const clock = values.clock;
  if (clock !== undefined && clock !== 'real' && clock !== 'virtual') {
    return { error: `--clock: ${JSON.stringify(clock)} is not a clock (real or virtual)` };
  }
  const auth = values.auth;
  if (auth !== undefined && auth !== 'none' && auth !== 'basic' && auth !== 'bearer') {
    return { error: `--auth: ${JSON.stringify(auth)} is not a scheme (none, basic or bearer)` };
  }
  const log = values.log;
  if (log !== undefined && !(LOG_MODES as readonly string[]).includes(log)) {
    return { error: `--log: ${JSON.stringify(log)} is not a mode (pretty, json or none)` };
  }
  const options: MockOptions = {
    port: (port as number | undefined) ?? 8080,
    host: values.host ?? '127.0.0.1',
    profile: profile ?? 'v1.0.7',
    control: values.control === true,
    faults: values.fault ?? [],
  };
  if (values.config !== undefined) options.config = values.config;
  if (timeScale !== undefined) options.timeScale = timeScale as number;
  if (clock !== undefined) options.clock = clock;
  if (auth !== undefined) options.auth = auth;
  if (values.user !== undefined) options.users = values.user;
  if (values['auth-reads'] === true) options.authReads = true;
  if (values.token !== undefined) options.token = values.token;
  if (values['kind-host'] !== undefined) options.kindHost = values['kind-host'];
  if (log !== undefined) options.log = log as LogMode;
  if (createStatus !== undefined) options.createStatus = createStatus as 303 | 200;
  return engine === 'prism'
    ? { options, prism: { dynamic: values.dynamic === true } }
    : { options };
}

export async function mockCommand(argv: string[]): Promise<number> {
  const parsed = parseMockArgs(argv);
  if ('error' in parsed) return fail(parsed.error);
  if ('help' in parsed) {
    console.log(parsed.help);
    return 0;
  }
  if (parsed.prism !== undefined) {
    const { port, host, profile } = parsed.options;
    return runPrismEngine({
      port: port ?? 8080,
      host: host ?? '127.0.0.1',
      profile: profile ?? 'v1.0.7',
      dynamic: parsed.prism.dynamic,
    });
  }
  let broker;
  try {
    broker = await startMockBroker({
      ...parsed.options,
      log: parsed.options.log ?? defaultLogMode(process.stdout.isTTY === true),
    });
  } catch (error) {
    if (error instanceof MockOptionsError || error instanceof PlatformConfigError)
      return fail(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (
      code === 'ENOENT' ||
      code === 'EADDRINUSE' ||
      code === 'EACCES' ||
      code === 'EADDRNOTAVAIL'
    ) {
      console.error(`eb-conform mock: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
  console.log(broker.url);
  const running = broker;
  return new Promise<number>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
