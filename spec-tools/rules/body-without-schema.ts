// A media type without a schema says "a body goes here" and nothing about what it is: clients
// cannot validate it and generated code types it as anything.
import { getAtPointer, joinPointer } from '../load/source-file.ts';
import { isRecord } from '../load/schemas.ts';
import type { LintRule, RawFinding } from './rule.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export const bodyWithoutSchema: LintRule = {
  id: 'body-without-schema',
  severity: 'warning',
  summary: 'request or response body media type without a schema',
  fix: 'give every media type a schema (usually a $ref to a component)',
  check({ set }) {
    const findings: RawFinding[] = [];
    const inspectContent = (file: string, pointer: string, body: unknown, what: string): void => {
      if (!isRecord(body) || '$ref' in body || !isRecord(body.content)) return;
      for (const [mediaType, media] of Object.entries(body.content)) {
        if (isRecord(media) && media.schema !== undefined) continue;
        findings.push({
          file,
          pointer: joinPointer(pointer, 'content', mediaType),
          message: `${what} body (${mediaType}) has no schema`,
          hint: `add a schema (usually a $ref to a component) under content/${mediaType}`,
        });
      }
    };
    for (const source of set.files.values()) {
      const paths = getAtPointer(source.data, '/paths');
      if (isRecord(paths)) {
        for (const [path, item] of Object.entries(paths)) {
          if (!isRecord(item)) continue;
          for (const method of METHODS) {
            const operation = item[method];
            if (!isRecord(operation)) continue;
            const at = joinPointer('/paths', path, method);
            const label = `${method.toUpperCase()} ${path}`;
            inspectContent(
              source.path,
              joinPointer(at, 'requestBody'),
              operation.requestBody,
              `${label} request`,
            );
            if (isRecord(operation.responses)) {
              for (const [status, response] of Object.entries(operation.responses)) {
                inspectContent(
                  source.path,
                  joinPointer(at, 'responses', status),
                  response,
                  `${label} ${status} response`,
                );
              }
            }
          }
        }
      }
      for (const [section, what] of [
        ['requestBodies', 'request'],
        ['responses', 'response'],
      ] as const) {
        const entries = getAtPointer(source.data, joinPointer('/components', section));
        if (!isRecord(entries)) continue;
        for (const [name, body] of Object.entries(entries)) {
          inspectContent(
            source.path,
            joinPointer('/components', section, name),
            body,
            `${name} ${what}`,
          );
        }
      }
    }
    return findings;
  },
};
