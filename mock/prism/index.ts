// The Prism engine of `eb-conform mock`: the project's spec served by Stoplight Prism (schema-
// shaped answers, no behaviour). cli/mock.ts hands `--engine prism` over to runPrismEngine.

import type { ProfileName } from '../../spec/index.ts';
import { PrismEngineError, startPrismMock } from './engine.ts';

export { prismDocument } from './document.ts';
export {
  PRISM_PACKAGE,
  PRISM_RANGE,
  PrismEngineError,
  prismEntry,
  startPrismMock,
} from './engine.ts';
export type { PrismMock, PrismOptions } from './engine.ts';

export interface PrismEngineArgs {
  port: number;
  host: string;
  profile: ProfileName;
  dynamic: boolean;
}

/**
 * Serves until SIGINT or SIGTERM (exit 0), or until Prism stops by itself (exit 1). Prints the
 * URL when Prism listens, and Prism's request log after that on stderr. Exit 2 when it cannot
 * start, with the reason.
 */
export async function runPrismEngine(args: PrismEngineArgs): Promise<number> {
  let prism;
  try {
    prism = await startPrismMock({
      ...args,
      log: (line) => process.stderr.write(`prism: ${line}\n`),
    });
  } catch (error) {
    if (!(error instanceof PrismEngineError)) throw error;
    console.error(`eb-conform mock: ${error.message}`);
    return 2;
  }
  console.log(prism.url);
  const running = prism;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      stopping = true;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    void running.stopped.then((how) => {
      if (stopping) return;
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      console.error(`eb-conform mock: Prism stopped by itself (${how})`);
      void running.close().then(() => resolve(1));
    });
  });
}
