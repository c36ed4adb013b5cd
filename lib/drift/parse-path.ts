import type { PathSegment } from "@/lib/diff/field-path";

/** Reads a JSON string literal starting at `start` (a `"`); returns its value and the index after it. */
function readJsonString(text: string, start: number): [string, number] {
  let end = start + 1;
  while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
  if (end >= text.length) throw new Error(`Unterminated string in field path "${text}".`);
  return [JSON.parse(text.slice(start, end + 1)) as string, end + 1];
}

function expect(text: string, index: number, char: string): number {
  if (text[index] !== char) throw new Error(`Expected "${char}" at ${index} in field path "${text}".`);
  return index + 1;
}

function readBracket(text: string, start: number): [PathSegment, number] {
  let i = start + 1;
  if (text[i] === '"') {
    const [key, next] = readJsonString(text, i);
    return [key, expect(text, next, "]")];
  }
  if (text.startsWith("name=", i)) {
    i += "name=".length;
    if (text[i] === '"') {
      const [name, next] = readJsonString(text, i);
      return [{ name }, expect(text, next, "]")];
    }
    const close = text.indexOf("]", i);
    if (close === -1) throw new Error(`Unterminated bracket in field path "${text}".`);
    return [{ name: text.slice(i, close) }, close + 1];
  }
  const close = text.indexOf("]", i);
  const index = Number(text.slice(i, close));
  if (close === -1 || !Number.isInteger(index)) throw new Error(`Bad list index in field path "${text}".`);
  return [index, close + 1];
}

function readKey(text: string, start: number): [string, number] {
  let end = start;
  while (end < text.length && /[A-Za-z0-9_-]/.test(text[end] as string)) end += 1;
  if (end === start) throw new Error(`Expected a key at ${start} in field path "${text}".`);
  return [text.slice(start, end), end];
}

/**
 * The segments of a field path as `formatFieldPath` prints it (`spec.containers[name=web].image`,
 * `metadata.annotations["a.b/c"]`, `spec.ports[0]`) — its exact inverse.
 * @throws Error naming the path when it is not in that notation.
 */
export function parseFieldPath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < text.length) {
    let segment: PathSegment;
    if (text[i] === "[") [segment, i] = readBracket(text, i);
    else [segment, i] = readKey(text, segments.length === 0 ? i : expect(text, i, "."));
    segments.push(segment);
  }
  return segments;
}
