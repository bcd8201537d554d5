// From parsed wire documents to the domain's terms: the shape check (with JSON pointers to
// every problem), kind URIs from any profile mapped to canonical names, and phase updates in
// all the forms clients send them (bare, `type` for `kind`, wrapped in `update`).
import type { DomainRequest, Plain, RequestedComponent } from '../domain/request.ts';
import { UNKNOWN_KIND_PREFIX } from '../domain/request.ts';
import { isSessionPhase, type SessionPhase } from '../domain/phases.ts';
import { brokerError, type BrokerError, type ErrorIssue } from './errors.ts';
import { createValidator, type Validator } from '../../spec/index.ts';
import { kindNameOf, type ProfileName } from './profiles.ts';

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * A tiny structural checker: enough of the ExecutionRequest shape to refuse what cannot be read.
 * Each place is named by its parent's pointer and its own key, joined only when there is a
 * problem to report: the usual body is sound, and is checked without building any strings.
 */
class ShapeCheck {
  readonly issues: ErrorIssue[] = [];

  expect(
    value: unknown,
    parent: string,
    key: string | number,
    want: 'object' | 'array' | 'string' | 'integer' | 'boolean',
  ): boolean {
    if (value === undefined) return false;
    const ok =
      want === 'object'
        ? isPlain(value)
        : want === 'array'
          ? Array.isArray(value)
          : want === 'integer'
            ? typeof value === 'number' && Number.isInteger(value)
            : typeof value === want;
    if (!ok)
      this.issues.push({
        pointer: pointerTo(parent, key),
        message: `expected ${want === 'integer' || want === 'object' || want === 'array' ? 'an' : 'a'} ${want}, found ${typeName(value)}`,
      });
    return ok;
  }

  component(value: unknown, parent: string, key: string | number): value is Plain {
    if (!this.expect(value, parent, key, 'object')) return false;
    const { kind, meta } = value as Plain;
    if (kind !== undefined && typeof kind !== 'string')
      this.expect(kind, pointerTo(parent, key), 'kind', 'string');
    const soundMeta =
      meta === undefined ||
      (isPlain(meta) && (meta.name === undefined || typeof meta.name === 'string'));
    if (!soundMeta) {
      const here = pointerTo(parent, key);
      if (this.expect(meta, here, 'meta', 'object'))
        this.expect((meta as Plain).name, `${here}/meta`, 'name', 'string');
    }
    return true;
  }

  minMax(value: unknown, parent: string, key: string): void {
    if (value === undefined) return;
    if (isPlain(value) && isIntegerOrAbsent(value.min) && isIntegerOrAbsent(value.max)) return;
    if (!this.expect(value, parent, key, 'object')) return;
    const range = value as Plain;
    const here = pointerTo(parent, key);
    this.expect(range.min, here, 'min', 'integer');
    this.expect(range.max, here, 'max', 'integer');
  }

  /** A map of names to string values (Docker labels). */
  names(value: unknown, parent: string, key: string): void {
    if (!this.expect(value, parent, key, 'object')) return;
    const here = pointerTo(parent, key);
    for (const [name, item] of Object.entries(value as Plain))
      this.expect(item, here, name, 'string');
  }

  list(
    value: unknown,
    parent: string,
    key: string,
    each: (item: unknown, parent: string, index: number) => void,
  ): void {
    if (!this.expect(value, parent, key, 'array')) return;
    const here = pointerTo(parent, key);
    (value as unknown[]).forEach((item, index) => each(item, here, index));
  }
}

function pointerTo(parent: string, key: string | number): string {
  return `${parent}/${typeof key === 'number' ? key : escapePointer(key)}`;
}

function isIntegerOrAbsent(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && Number.isInteger(value));
}

/** Readings a broker may allow beyond the schema (the Java broker's, for the calycopis preset). */
export interface DecodeOptions {
  /**
   * Volumes named by a string in `compute.volumes` are taken as names (and not kept), and a
   * top-level `volumes` list is read, each with a known volume kind, as the Java broker does.
   */
  stringVolumes?: boolean;
}

/** The top-level `volumes` the Java broker reads: any kind it cannot map makes the body unreadable. */
function checkLooseVolumes(volumes: unknown): ErrorIssue[] {
  if (volumes === undefined) return [];
  if (!Array.isArray(volumes))
    return [{ pointer: '/volumes', message: `expected an array, found ${typeName(volumes)}` }];
  const issues: ErrorIssue[] = [];
  volumes.forEach((item, index) => {
    const kind = isPlain(item) ? item.kind : undefined;
    if (typeof kind !== 'string' || kindNameOf(kind) !== 'simple-volume-mount')
      issues.push({
        pointer: `/volumes/${index}/kind`,
        message: `not a volume kind: ${JSON.stringify(kind) ?? 'nothing'}`,
      });
  });
  return issues;
}

function checkRequestShape(body: unknown, options: DecodeOptions = {}): ErrorIssue[] {
  const check = new ShapeCheck();
  if (!isPlain(body)) {
    // The root's pointer is the empty string; a missing body is the spec check's to report.
    return body === undefined
      ? []
      : [{ pointer: '', message: `expected an object, found ${typeName(body)}` }];
  }
  const root = body;
  if (check.expect(root.meta, '', 'meta', 'object'))
    check.expect((root.meta as Plain).name, '/meta', 'name', 'string');
  if (check.component(root.executable, '', 'executable')) {
    const executable = root.executable as Plain;
    check.expect(executable.privileged, '/executable', 'privileged', 'boolean');
    check.names(executable.labels, '/executable', 'labels');
  }
  if (check.component(root.compute, '', 'compute')) {
    const compute = root.compute as Plain;
    check.minMax(compute.cores, '/compute', 'cores');
    check.minMax(compute.memory, '/compute', 'memory');
    if (compute.volumes !== undefined)
      check.list(compute.volumes, '/compute', 'volumes', (item, parent, index) => {
        if (options.stringVolumes === true && typeof item === 'string') return;
        if (check.component(item, parent, index))
          check.expect((item as Plain).resource, pointerTo(parent, index), 'resource', 'string');
      });
  }
  if (root.storage !== undefined)
    check.list(root.storage, '', 'storage', (item, parent, index) => {
      if (check.component(item, parent, index))
        check.minMax((item as Plain).size, pointerTo(parent, index), 'size');
    });
  if (root.data !== undefined)
    check.list(root.data, '', 'data', (item, parent, index) =>
      check.component(item, parent, index),
    );
  if (check.expect(root.schedule, '', 'schedule', 'object')) {
    const schedule = root.schedule as Plain;
    if (check.expect(schedule.requested, '/schedule', 'requested', 'object')) {
      const requested = schedule.requested as Plain;
      check.expect(requested.duration, '/schedule/requested', 'duration', 'string');
      if (Array.isArray(requested.start)) {
        check.list(requested.start, '/schedule/requested', 'start', (item, parent, index) =>
          check.expect(item, parent, index, 'string'),
        );
      } else check.expect(requested.start, '/schedule/requested', 'start', 'string');
    }
  }
  if (options.stringVolumes === true) check.issues.push(...checkLooseVolumes(root.volumes));
  return check.issues;
}

function kindOf(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  return kindNameOf(raw) ?? `${UNKNOWN_KIND_PREFIX}${raw}`;
}

function nameOf(raw: Plain): string | undefined {
  const { meta } = raw;
  return isPlain(meta) && typeof meta.name === 'string' ? meta.name : undefined;
}

function componentOf(raw: Plain): RequestedComponent {
  return { kind: kindOf(raw.kind), name: nameOf(raw), fields: raw };
}

// The parts with more than the common fields are built whole, not spread from componentOf:
// object spread takes V8's slow path here, and cost more than the rest of decoding together.
function computeOf(raw: Plain): NonNullable<DomainRequest['compute']> {
  return {
    kind: kindOf(raw.kind),
    name: nameOf(raw),
    fields: raw,
    cores: isPlain(raw.cores) ? raw.cores : undefined,
    memory: isPlain(raw.memory) ? raw.memory : undefined,
    // Volumes named by a string (read only with `stringVolumes`) are names, not components.
    volumes: Array.isArray(raw.volumes)
      ? (raw.volumes as unknown[]).filter(isPlain).map(componentOf)
      : [],
  };
}

function storageOf(raw: Plain): DomainRequest['storage'][number] {
  const size = isPlain(raw.size) ? raw.size : undefined;
  return { kind: kindOf(raw.kind), name: nameOf(raw), fields: raw, size };
}

/**
 * Keywords of the spec's schema that make a body unreadable (400). The others (minimum,
 * pattern, an unknown kind...) describe requests that are readable but cannot be met: those
 * are the domain's to answer with NO and a message, as the standard asks.
 */
const SHAPE_KEYWORDS = new Set(['type', 'required']);

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

const validators = new Map<ProfileName, Validator>();

function validatorFor(profile: ProfileName): Validator {
  let validator = validators.get(profile);
  if (validator === undefined) {
    validator = createValidator({ profile });
    validators.set(profile, validator);
  }
  return validator;
}

/**
 * The spec validator's shape problems, less the list form of `start` this broker also reads
 * (and volumes named by a string, when those are read).
 */
function specIssues(body: unknown, profile: ProfileName, options: DecodeOptions): ErrorIssue[] {
  const { issues } = validatorFor(profile).validate('ExecutionRequest', body);
  if (issues.length === 0) return [];
  const start =
    isPlain(body) && isPlain(body.schedule) && isPlain(body.schedule.requested)
      ? body.schedule.requested.start
      : undefined;
  return issues
    .filter((issue) => SHAPE_KEYWORDS.has(issue.keyword))
    .filter(
      (issue) => !(issue.pointer.startsWith('/schedule/requested/start') && isStringList(start)),
    )
    .filter(
      (issue) =>
        !(options.stringVolumes === true && /^\/compute\/volumes\/\d+$/.test(issue.pointer)),
    )
    .map((issue) => ({ pointer: issue.pointer, message: issue.message }));
}

/**
 * A decoded request. The fingerprint is worked out only when asked for (only the `uuid-reuse`
 * fault asks); a getter on the prototype costs nothing per request, unlike one in a literal.
 */
class DecodedRequest implements DomainRequest {
  readonly name: DomainRequest['name'];
  readonly executable: DomainRequest['executable'];
  readonly compute: DomainRequest['compute'];
  readonly storage: DomainRequest['storage'];
  readonly data: DomainRequest['data'];
  readonly schedule: DomainRequest['schedule'];
  readonly #body: unknown;

  constructor(parts: Omit<DomainRequest, 'fingerprint'>, body: unknown) {
    this.name = parts.name;
    this.executable = parts.executable;
    this.compute = parts.compute;
    this.storage = parts.storage;
    this.data = parts.data;
    this.schedule = parts.schedule;
    this.#body = body;
  }

  get fingerprint(): string {
    return JSON.stringify(this.#body);
  }
}

/** Turns a parsed body into a domain request, or a 400 listing every shape problem. */
export function decodeRequest(
  body: unknown,
  profile: ProfileName = 'v1.0.7',
  options: DecodeOptions = {},
): DomainRequest | BrokerError {
  const own = checkRequestShape(body, options);
  const spec = specIssues(body, profile, options);
  let issues = own;
  if (spec.length > 0) {
    const seen = new Set(own.map((issue) => issue.pointer));
    issues = [...own, ...spec.filter((issue) => !seen.has(issue.pointer))];
  }
  if (issues.length > 0) {
    return brokerError(
      'invalid-body',
      { type: 'ExecutionRequest', count: issues.length },
      { issues },
    );
  }
  const root = body as Plain;
  const compute = isPlain(root.compute) ? root.compute : undefined;
  const requested =
    isPlain(root.schedule) && isPlain(root.schedule.requested) ? root.schedule.requested : {};
  return new DecodedRequest(
    {
      name: nameOf(root),
      executable: isPlain(root.executable) ? componentOf(root.executable) : undefined,
      compute: compute === undefined ? undefined : computeOf(compute),
      storage: Array.isArray(root.storage) ? (root.storage as Plain[]).map(storageOf) : [],
      data: Array.isArray(root.data) ? (root.data as Plain[]).map(componentOf) : [],
      schedule: { duration: requested.duration, start: requested.start },
    },
    body,
  );
}

export const CLIENT_PHASES: readonly SessionPhase[] = ['ACCEPTED', 'REJECTED', 'CANCELLED'];

/** Reads a phase update in any accepted form; anything else is a 400 naming what is wrong. */
export function decodeUpdate(body: unknown): SessionPhase | BrokerError {
  const unwrapped = isPlain(body) && isPlain(body.update) ? body.update : body;
  const base = isPlain(body) && isPlain(body.update) ? '/update' : '';
  if (!isPlain(unwrapped)) {
    return brokerError(
      'invalid-body',
      { type: 'Update', count: 1 },
      { issues: [{ pointer: base, message: `expected an object, found ${typeName(unwrapped)}` }] },
    );
  }
  const kind = unwrapped.kind ?? unwrapped.type;
  const kindKey = unwrapped.kind !== undefined ? 'kind' : 'type';
  const issues: ErrorIssue[] = [];
  for (const [key, value] of [
    [kindKey, kind],
    ['path', unwrapped.path],
    ['value', unwrapped.value],
  ] as const) {
    if (typeof value !== 'string') {
      issues.push({
        pointer: `${base}/${escapePointer(key)}`,
        message:
          value === undefined ? 'required, missing' : `expected a string, found ${typeName(value)}`,
      });
    }
  }
  if (issues.length > 0)
    return brokerError('invalid-body', { type: 'Update', count: issues.length }, { issues });
  if (kind !== 'uri:enum-value-update')
    return brokerError('unknown-update-kind', { kind: String(kind) });
  const path = unwrapped.path as string;
  if (path !== 'phase' && path !== '/phase') return brokerError('unknown-update-path', { path });
  const value = unwrapped.value as string;
  if (!isSessionPhase(value) || !CLIENT_PHASES.includes(value))
    return brokerError('unknown-update-value', { value });
  return value;
}
