/**
 * JSON Pointers (RFC 6901), the first way an `ignoreDifferences` rule names a field:
 * `/spec/replicas`, `/metadata/annotations/example.com~1owner`, `/spec/ports/0`.
 */

/** What a parse answers: the pointer's reference tokens, or why the text is not a pointer. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The reference tokens of a JSON Pointer, unescaped (`~1` is `/`, `~0` is `~`). The empty
 * pointer (the whole object) is refused: ignoring a whole object is not a field rule.
 */
export function parseJsonPointer(text: string): ParseResult<string[]> {
  if (text === "") return { ok: false, error: `JSON pointer "" names the whole object; name a field, such as "/spec/replicas".` };
  if (!text.startsWith("/")) return { ok: false, error: `JSON pointer "${text}" must start with "/", such as "/spec/replicas".` };
  if (/~(?![01])/.test(text)) return { ok: false, error: `JSON pointer "${text}" has a "~" not followed by 0 or 1 (write "~0" for "~" and "~1" for "/").` };
  return { ok: true, value: text.slice(1).split("/").map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~")) };
}

/**
 * Where the tokens lead inside `root`, as concrete steps (map keys and list indexes), or
 * undefined when the field is absent. A token names a list element only when it is a
 * non-negative integer without leading zeros, as RFC 6901 says.
 */
export function locatePointer(root: unknown, tokens: readonly string[]): (string | number)[] | undefined {
  const steps: (string | number)[] = [];
  let value = root;
  for (const token of tokens) {
    if (Array.isArray(value)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      const index = Number(token);
      if (index >= value.length) return undefined;
      steps.push(index);
      value = value[index];
    } else if (typeof value === "object" && value !== null && Object.hasOwn(value, token)) {
      steps.push(token);
      value = (value as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return steps;
}
