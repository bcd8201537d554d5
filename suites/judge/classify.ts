// Which operation an exchange is, from its method and URL path and the profile's paths; where
// those were not captured, from the documents it carries.

import { getProfile } from '../../spec/index.ts';
import type { DocumentKind, ExpectedDocument, Operation, ProfileName } from '../rules/types.ts';

export interface Classifier {
  /** The operation and, for session paths, the uuid in the path. */
  classify(method: string, url: string): { op: Operation; uuid?: string };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A path template as a pattern matching the end of a URL path ({uuid} is one segment). */
function pattern(template: string): RegExp {
  const parts = template.split('{uuid}').map(escape);
  return new RegExp(`${parts.join('([^/]+)')}/?$`);
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://host.invalid').pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

export function classifier(profile: ProfileName): Classifier {
  const paths = getProfile(profile).paths;
  const create = pattern(paths.create);
  const direct = paths.direct === undefined ? undefined : pattern(paths.direct);
  const offerset = pattern(paths.offerset);
  const session = pattern(paths.session);
  return {
    classify(method, url) {
      const path = pathOf(url);
      const verb = method.toUpperCase();
      if (verb === 'POST' && create.test(path)) return { op: 'create' };
      if (verb === 'POST' && direct?.test(path) === true) return { op: 'direct' };
      const inSession = session.exec(path);
      if (inSession !== null) {
        const uuid = decodeURIComponent(inSession[1] ?? '');
        if (verb === 'GET') return { op: 'session', uuid };
        if (verb === 'POST') return { op: 'update', uuid };
      }
      if (verb === 'GET' && offerset.test(path)) return { op: 'offerset' };
      return { op: 'other' };
    },
  };
}

/** Without a captured request: what the documents say the exchange was. */
export function operationOfDocuments(
  request: DocumentKind | undefined,
  response: DocumentKind | undefined,
): Operation {
  if (request === 'ExecutionRequest') return 'create';
  if (request === 'Update') return 'update';
  if (request !== undefined) return 'other';
  if (response === 'OfferSetResponse') return 'offerset';
  if (response === 'ExecutionSession') return 'session';
  return 'other';
}

/** The document a successful answer to the operation must be. */
export function expectedDocument(op: Operation): ExpectedDocument | undefined {
  if (op === 'create' || op === 'offerset') return 'OfferSetResponse';
  if (op === 'session' || op === 'update' || op === 'direct') return 'ExecutionSession';
  return undefined;
}
