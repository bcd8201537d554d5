// Readers for the parts of requests and offers the conformance files look at. They live with
// the rules that judge offers (suites/rules/readers.ts); this module keeps the harness's name.

export {
  durationMs,
  instantMs,
  intervalBounds,
  offeredDuration,
  offeredStarts,
  pick,
  provided,
  rangeOf,
  requestedDuration,
  startWindows,
  type Range,
} from '../rules/readers.ts';
