#!/usr/bin/env node
// The published entry point. The toolkit is written in TypeScript and runs
// through tsx's loader, so a fresh clone needs no build step before use.
import { register } from 'tsx/esm/api';

register();
// Output piped into `head` or a pager that quits early: stop quietly, as command-line tools do,
// rather than end with a stack trace about a closed pipe.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
