// Every error the broker can answer with, as a named template rendered in one place (and
// listed in docs/errors.md). Routes never write an error body themselves: they return
// `brokerError(name, values)` and the app renders it.

export interface ErrorIssue {
  pointer: string;
  message: string;
}

const TEMPLATES = {
  unauthorized: [401, 'This request needs credentials: send {send}.'],
  'not-owner': [
    403,
    'The session {uuid} belongs to another identity; only the identity that asked for it may change it.',
  ],
  'malformed-body': [400, 'The request body is not valid {format}: {detail}'],
  'bad-encoding': [400, 'The request body is not valid UTF-8 text.'],
  'too-deep': [400, 'The request body nests deeper than {limit} levels.'],
  'invalid-body': [400, 'The request body is not a valid {type}: {count} problem(s), see issues.'],
  'unknown-update-kind': [
    400,
    'The update kind {kind} is not one this broker understands; use uri:enum-value-update.',
  ],
  'unknown-update-path': [
    400,
    'The update path {path} is not one this broker understands; use phase.',
  ],
  'unknown-update-value': [
    400,
    'The phase value {value} is not a phase a client can ask for (ACCEPTED, REJECTED or CANCELLED).',
  ],
  'illegal-transition': [409, 'The session {uuid} is {from}; a client cannot move it to {to} now.'],
  'direct-refused': [409, 'The broker cannot run this request directly: {reasons}'],
  'clock-not-virtual': [409, 'The broker clock is {clock}; only a virtual clock can be advanced.'],
  'no-such-route': [404, 'There is nothing at {path}.'],
  'unknown-offerset': [404, 'There is no offer set {uuid}.'],
  'unknown-session': [404, 'There is no session {uuid}.'],
  'no-connector': [
    404,
    'The session {uuid} has no {stream} connector; only Docker sessions carry log connectors.',
  ],
  'connector-not-ready': [
    409,
    'The {stream} connector of session {uuid} is {status}; its log can be read once the session is AVAILABLE.',
  ],
  'method-not-allowed': [405, '{method} is not allowed on {path}; allowed: {allow}.'],
  'not-acceptable': [
    406,
    'None of the types in Accept ({accept}) can be produced; this broker writes {supported}.',
  ],
  'payload-too-large': [413, 'The request body is larger than the {limit} byte limit.'],
  'unsupported-media-type': [
    415,
    'Request bodies of type {type} are not understood; send {supported}.',
  ],
  'bad-http': [400, 'The request is not valid HTTP/1.1 ({code}).'],
  'missing-host': [400, 'An HTTP/1.1 request must name its host in a Host header.'],
  'headers-too-large': [431, 'The request headers are larger than the server accepts.'],
  'request-timeout': [408, 'The request did not arrive in time.'],
  'internal-error': [500, 'The broker failed unexpectedly: {detail}'],
  busy: [
    503,
    'The broker holds as many offer sets and sessions as it may; ask again in {seconds} s, when some have expired or finished.',
  ],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorName = keyof typeof TEMPLATES;

/** An error ready to render. A class, so it can never be confused with parsed client data. */
export class BrokerError {
  constructor(
    readonly name: ErrorName,
    readonly status: number,
    readonly message: string,
    readonly issues: ErrorIssue[],
    readonly headers: Record<string, string>,
    /** Extra body fields, such as the domain messages of a refused direct request. */
    readonly extra: Record<string, unknown>,
  ) {}
}

export function brokerError(
  name: ErrorName,
  values: Record<string, string | number> = {},
  more: {
    issues?: ErrorIssue[];
    headers?: Record<string, string>;
    extra?: Record<string, unknown>;
  } = {},
): BrokerError {
  const [status, template] = TEMPLATES[name];
  const message = template.replace(/\{(\w+)\}/g, (hole, key: string) =>
    String(values[key] ?? hole),
  );
  return new BrokerError(
    name,
    status,
    message,
    more.issues ?? [],
    more.headers ?? {},
    more.extra ?? {},
  );
}

export function isBrokerError(value: unknown): value is BrokerError {
  return value instanceof BrokerError;
}

/** The ErrorResponse body: `{error: {code, status, message, issues?}}`, code being the template name. */
export function errorBody(error: BrokerError): Record<string, unknown> {
  const inner: Record<string, unknown> = {
    code: error.name,
    status: error.status,
    message: error.message,
  };
  if (error.issues.length > 0) inner.issues = error.issues;
  return { error: { ...inner, ...error.extra } };
}

export function errorCatalogue(): { name: ErrorName; status: number; template: string }[] {
  return (Object.keys(TEMPLATES) as ErrorName[]).map((name) => ({
    name,
    status: TEMPLATES[name][0],
    template: TEMPLATES[name][1],
  }));
}
