// Streams the elements of one array inside a large JSON document (a HAR file's log.entries)
// without holding the document: it scans the text as it arrives, keeps only the element being
// read, and hands out each element's text when it is complete. Memory is bounded by the
// largest element, not by the file.

interface Frame {
  type: 'object' | 'array';
  /** The key of the value being read in an object (undefined before its key is read). */
  key?: string;
  /** In an object: whether the next string is a key. */
  expectKey: boolean;
}

export class JsonShapeError extends Error {
  override name = 'JsonShapeError';
}

/**
 * Yields the raw text of each element of the array found at `path` (object keys from the root).
 * Throws JsonShapeError on text that cannot be JSON at all; an element that is not valid JSON is
 * still handed out (the caller's JSON.parse reports it with its position).
 */
export async function* arrayElements(
  chunks: AsyncIterable<string>,
  path: readonly string[],
): AsyncGenerator<string> {
  const stack: Frame[] = [];
  let inString = false;
  let escaped = false;
  /** Whether the string being read is an object key outside any element (so it is kept). */
  let keyString = false;
  let pendingKey = '';
  /** Index in the stack of the wanted array, once found. */
  let target = -1;
  let element: string[] = [];
  let sawRoot = false;

  const atPath = (): boolean =>
    stack.length === path.length &&
    stack.every((frame, i) => frame.type === 'object' && frame.key === path[i]);
  const inElement = (): boolean => target >= 0 && stack.length > target + 1;

  for await (const chunk of chunks) {
    let elementStart = inElement() ? 0 : -1;
    let i = 0;
    while (i < chunk.length) {
      if (inString) {
        if (escaped) {
          escaped = false;
          i += 1;
          continue;
        }
        // Jump to the next quote or backslash: strings are most of a HAR file.
        const quote = chunk.indexOf('"', i);
        const slash = chunk.indexOf('\\', i);
        const stop = slash >= 0 && (quote < 0 || slash < quote) ? slash : quote;
        if (keyString) pendingKey += chunk.slice(i, stop < 0 ? chunk.length : stop);
        if (stop < 0) break;
        i = stop + 1;
        if (stop === slash) {
          escaped = true;
          continue;
        }
        inString = false;
        const top = stack.at(-1);
        if (keyString && top !== undefined) {
          top.key = pendingKey;
          top.expectKey = false;
        }
        keyString = false;
        continue;
      }
      const char = chunk[i] as string;
      const top = stack.at(-1);
      if (char === '"') {
        inString = true;
        keyString = !inElement() && top?.type === 'object' && top.expectKey;
        pendingKey = '';
      } else if (char === '{' || char === '[') {
        if (stack.length === 0) {
          if (sawRoot) throw new JsonShapeError('more than one JSON value in the file');
          sawRoot = true;
        }
        const isTarget = char === '[' && target < 0 && atPath();
        if (target >= 0 && stack.length === target + 1) {
          element = [];
          elementStart = i;
        }
        stack.push({ type: char === '{' ? 'object' : 'array', expectKey: char === '{' });
        if (isTarget) target = stack.length - 1;
      } else if (char === '}' || char === ']') {
        const closing = stack.pop();
        if (closing === undefined || (closing.type === 'object') !== (char === '}'))
          throw new JsonShapeError(`unbalanced "${char}"`);
        if (target >= 0 && stack.length === target + 1 && elementStart >= 0) {
          element.push(chunk.slice(elementStart, i + 1));
          elementStart = -1;
          yield element.join('');
          element = [];
        } else if (target >= 0 && stack.length === target) {
          return;
        }
      } else if (char === ',' && top?.type === 'object') {
        top.expectKey = true;
        top.key = undefined;
      }
      i += 1;
    }
    if (elementStart >= 0 && inElement()) element.push(chunk.slice(elementStart));
  }
  if (!sawRoot) throw new JsonShapeError('no JSON value in the file');
  if (stack.length > 0) throw new JsonShapeError('the file ends in the middle of a JSON value');
  if (target < 0) throw new JsonShapeError(`no array at ${path.join('.')}`);
}
