// XML in and out, the optional third wire type. The mapping is this project's own, since the
// schemas' `xml` hints are incomplete: `kind` is an attribute; a list is a wrapper element
// holding one element per item (offers > execution, messages > message, ...); map keys that
// are not XML names become <entry key="...">. Requests are read back through the same rules,
// with numbers and booleans restored for the fields that hold them. DTDs are refused outright,
// so no entity tricks can get in.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { brokerError } from './errors.ts';

/** The element name of one item of each list. */
const ITEM_NAMES: Record<string, string> = {
  offers: 'execution',
  messages: 'message',
  options: 'option',
  values: 'value',
  storage: 'storage-resource',
  data: 'data-resource',
  volumes: 'volume',
  locations: 'location',
  command: 'argument',
  connectors: 'connector',
  issues: 'issue',
  start: 'interval',
  ports: 'port',
};

const NUMERIC_FIELDS = new Set(['min', 'max', 'delta', 'seconds', 'status', 'cores', 'memory']);
const BOOLEAN_FIELDS = new Set(['privileged']);
const XML_NAME = /^[A-Za-z_][\w.-]*$/;

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNodes(value: unknown, key: string): unknown {
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[key] ?? 'item';
    return { [item]: value.map((entry) => toNodes(entry, item)) };
  }
  if (!isPlain(value)) return value;
  const node: Plain = {};
  const entries: Plain[] = [];
  for (const [name, entry] of Object.entries(value)) {
    if (name === 'kind' && typeof entry === 'string') node['@_kind'] = entry;
    else if (XML_NAME.test(name) && !name.startsWith('@_')) node[name] = toNodes(entry, name);
    else
      entries.push({
        '@_key': name,
        '#text': typeof entry === 'object' ? JSON.stringify(entry) : entry,
      });
  }
  if (entries.length > 0) node.entry = entries;
  return node;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: false,
  suppressEmptyNode: true,
});

/** The root element for a response body, named for what it is. */
function rootName(body: unknown): string {
  if (isPlain(body)) {
    if ('error' in body) return 'error-response';
    if ('result' in body) return 'offers-response';
    if ('phase' in body) return 'execution';
  }
  return 'response';
}

export function toXml(body: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [rootName(body)]: toNodes(body, '') })}`;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 64,
  // Items of a known list are always arrays, even when there is only one.
  isArray: (name: string, jPath: unknown) => {
    const path = typeof jPath === 'string' ? jPath.split('.') : [];
    const parent = path[path.length - 2];
    return parent !== undefined && ITEM_NAMES[parent] === name;
  },
});

function restore(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => restore(item, key));
  const item = ITEM_NAMES[key];
  // An empty wrapper element is an empty list.
  if (item !== undefined && value === '') return [];
  if (typeof value === 'string') {
    if (NUMERIC_FIELDS.has(key) && /^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
    if (BOOLEAN_FIELDS.has(key) && (value === 'true' || value === 'false')) return value === 'true';
    return value;
  }
  if (!isPlain(value)) return value;
  if (item !== undefined) {
    const keys = Object.keys(value);
    if (keys.length === 0) return [];
    if (keys.length === 1 && keys[0] === item) return restore(value[item], item);
  }
  const result: Plain = {};
  const define = (name: string, entry: unknown): void => {
    // defineProperty, unlike assignment, makes even `__proto__` an ordinary own key.
    Object.defineProperty(result, name, {
      value: entry,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  };
  for (const [name, entry] of Object.entries(value)) {
    if (name !== 'entry') define(name, restore(entry, name));
    else {
      for (const pair of Array.isArray(entry) ? entry : [entry]) {
        if (isPlain(pair) && typeof pair.key === 'string') define(pair.key, pair['#text'] ?? '');
      }
    }
  }
  return result;
}

/** Parses an XML request body into the same plain data JSON or YAML would give. */
export function fromXml(text: string): unknown {
  if (/<!DOCTYPE/i.test(text)) {
    return brokerError('malformed-body', {
      format: 'XML',
      detail: 'document type declarations are not accepted',
    });
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return brokerError('malformed-body', {
      format: 'XML',
      detail: `${valid.err.msg} (line ${valid.err.line})`,
    });
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    return brokerError('malformed-body', { format: 'XML', detail: (error as Error).message });
  }
  const roots = isPlain(parsed) ? Object.entries(parsed) : [];
  if (roots.length !== 1) {
    return brokerError('malformed-body', {
      format: 'XML',
      detail: 'expected exactly one root element',
    });
  }
  const [, content] = roots[0]!;
  // An empty root element reads as an empty document.
  return restore(content === '' ? {} : content, '');
}
