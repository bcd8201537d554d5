import { readFileSync } from 'node:fs';

/** The toolkit's version, read from its own package.json. */
export function toolVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version: string };
  return pkg.version;
}
