// What a request comes down to once assessed: the concrete amounts, duration and start windows
// the slot search places in the calendar. Its own module so that assessment, the slot search and
// the Calycopis timing all use it without importing each other.

import type { Interval } from './iso.ts';
import type { ExecutableKindName } from './platform.ts';

export interface Range {
  min: number;
  max: number;
}

export interface Needs {
  executableKind: ExecutableKindName;
  cores: Range;
  memory: Range;
  storage: Range[];
  duration: number;
  windows: Interval[];
}
