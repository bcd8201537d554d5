// The reasons the broker gives for a NO, as message templates (messagetemplates.org style):
// each has a stable name, a level and a template whose {holes} are filled from `values`.

export type MessageLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

const TEMPLATES = {
  'missing-executable': ['ERROR', 'The request names no executable, so there is nothing to run.'],
  'missing-kind': ['ERROR', 'The {part} has no kind, so the broker cannot tell what it is.'],
  'unknown-kind': ['ERROR', 'The {part} kind {kind} is not one this broker knows.'],
  'bad-amount': [
    'ERROR',
    'The requested {resource} {bound} ({value}) is not a positive whole number.',
  ],
  'min-above-max': [
    'ERROR',
    'The requested minimum {resource} ({min}) is above the requested maximum ({max}).',
  ],
  'above-session-limit': [
    'ERROR',
    'The requested {resource} ({requested}) exceeds the per-session limit of {limit}.',
  ],
  'above-platform': [
    'ERROR',
    'The requested {resource} ({requested}) exceeds the platform total of {limit}.',
  ],
  'bad-duration': [
    'ERROR',
    'The requested duration {duration} is not a positive ISO 8601 duration.',
  ],
  'duration-too-long': [
    'ERROR',
    'The requested duration {duration} exceeds the per-session limit of {limit}.',
  ],
  'bad-start': [
    'ERROR',
    'The requested start {start} is not an ISO 8601 interval with its end after its start.',
  ],
  'start-in-past': ['ERROR', 'The requested start interval {start} ended before now ({now}).'],
  'volume-target-missing': [
    'ERROR',
    'The volume at {path} mounts {resource}, which names no storage or data item of this request.',
  ],
  'registry-not-allowed': [
    'ERROR',
    'The image location {location} is not in an allowed registry ({allowed}).',
  ],
  'privileged-not-allowed': ['ERROR', 'This platform does not run privileged containers.'],
  'reserved-label': [
    'ERROR',
    'The label {label} starts with {prefix}, a prefix this broker keeps for its own labels.',
    'urn:reserved-label',
  ],
  'no-capacity': [
    'WARN',
    'No slot with {cores} cores, {memory} GiB of memory and {storage} GiB of storage is free in the requested start window.',
  ],
} as const satisfies Record<string, readonly [MessageLevel, string, string?]>;

export type MessageName = keyof typeof TEMPLATES;

export interface DomainMessage {
  name: MessageName;
  /** A kind of its own where real brokers use one (urn:reserved-label); else the broker's. */
  kind?: string;
  level: MessageLevel;
  template: string;
  values: Record<string, string>;
  message: string;
  time: number;
}

export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (hole, key: string) => values[key] ?? hole);
}

export function domainMessage(
  name: MessageName,
  values: Record<string, string | number>,
  time: number,
): DomainMessage {
  const [level, template, kind] = TEMPLATES[name] as readonly [MessageLevel, string, string?];
  const text = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, String(value)]),
  );
  const message: DomainMessage = {
    name,
    level,
    template,
    values: text,
    message: fillTemplate(template, text),
    time,
  };
  if (kind !== undefined) message.kind = kind;
  return message;
}

export function messageNames(): MessageName[] {
  return Object.keys(TEMPLATES) as MessageName[];
}

/** The reasons for a NO, collected as a request is read; each stamped with the same instant. */
export class Problems {
  readonly messages: DomainMessage[] = [];
  constructor(private readonly now: number) {}
  add(name: MessageName, values: Record<string, string | number>): void {
    this.messages.push(domainMessage(name, values, this.now));
  }
}
