#!/usr/bin/env node
// The published entry point. The toolkit is written in TypeScript and runs
// through tsx's loader, so a fresh clone needs no build step before use.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
