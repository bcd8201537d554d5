// Headless Chromium for the tests that look at rendered pages: found on PATH (Debian's
// `chromium`, or `chromium-browser`, `google-chrome`), never at a fixed path, so the tests run
// wherever one is installed and skip, saying why, where none is.

import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function findOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** The browser to use, or undefined (tests then skip). EB_CHROMIUM overrides the search. */
export const CHROMIUM: string | undefined = process.env.EB_CHROMIUM || findOnPath();

/** For describe.skipIf titles: why the browser tests did not run. */
export const NO_CHROMIUM = `skipped: no ${NAMES.join(', ')} on PATH`;

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars',
];

/** Runs the browser with a throwaway profile; returns what it printed (e.g. --dump-dom). */
export async function chromium(args: string[]): Promise<string> {
  if (CHROMIUM === undefined) throw new Error(NO_CHROMIUM);
  const profile = await mkdtemp(join(tmpdir(), 'eb-chromium-'));
  try {
    const { stdout } = await run(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, ...args], {
      timeout: 60_000,
      maxBuffer: 32 * 1024 * 1024,
    });
    return stdout;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * Loads `html` with `script` added at the end of its body and returns what the script put in
 * `window.probe` once the page had loaded (as parsed JSON): layout measured by the browser.
 */
export async function probePage<T>(
  html: string,
  script: string,
  dir: string,
  width = 1200,
): Promise<T> {
  const file = join(dir, `probe-${Date.now()}-${Math.random().toString(36).slice(2)}.html`);
  const wrapped = `<script>addEventListener('load', () => { const probe = (() => { ${script} })(); const out = document.createElement('pre'); out.id = 'eb-probe'; out.textContent = JSON.stringify(probe); document.body.append(out); });</script>`;
  await writeFile(file, html.replace('</body>', `${wrapped}</body>`));
  const dom = await chromium([`--window-size=${width},900`, '--dump-dom', `file://${file}`]);
  const json = /<pre id="eb-probe">(.*?)<\/pre>/s.exec(dom)?.[1];
  if (json === undefined) throw new Error('the probe script left no answer in the page');
  return JSON.parse(
    json
      .replaceAll('&quot;', '"')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&'),
  ) as T;
}

/** A PNG of the page at the given size (for the tests' pixel checks and for people to look at). */
export async function screenshot(
  htmlFile: string,
  png: string,
  width: number,
  height: number,
): Promise<void> {
  await chromium([`--window-size=${width},${height}`, `--screenshot=${png}`, `file://${htmlFile}`]);
}
