/**
 * The values a generator gives each app, as flat string maps: Argo CD's parameters without Go
 * templates. A directory or file gives `path`, `path.basename`, `path.basenameNormalized` and
 * `path[n]` (and, for a file, `path.filename` and `path.filenameNormalized`); a file's or a list
 * element's nested keys are flattened with dots.
 */

/** One generated app's values, by key. */
export type Params = Readonly<Record<string, string>>;

/** A name made DNS-friendly, as Argo CD's `…Normalized` values: lowercase, anything else than [a-z0-9.-] becomes '-'. */
export function normalizeName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.-]/g, "-");
}

/** The `path…` values of a repository path (a directory, or a file's directory plus its file name). */
export function pathParams(filePath: string, options: { isFile: boolean; prefix?: string }): Params {
  const key = (name: string) => (options.prefix ? `${options.prefix}.${name}` : name);
  const segments = filePath.split("/").filter((s) => s !== "");
  const dirSegments = options.isFile ? segments.slice(0, -1) : segments;
  const dir = dirSegments.join("/") || ".";
  const basename = dirSegments.at(-1) ?? ".";
  const params: Record<string, string> = {
    [key("path")]: dir,
    [key("path.basename")]: basename,
    [key("path.basenameNormalized")]: normalizeName(basename),
  };
  dirSegments.forEach((segment, index) => {
    params[`${key("path")}[${index}]`] = segment;
  });
  if (options.isFile) {
    const filename = segments.at(-1) ?? "";
    params[key("path.filename")] = filename;
    params[key("path.filenameNormalized")] = normalizeName(filename);
  }
  return params;
}

/**
 * Flattens a value into dotted keys: `{a: {b: 1}}` gives `a.b = "1"`; scalars become their
 * text, arrays are indexed (`a.0`), null becomes "".
 */
export function flattenValues(value: unknown, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (node: unknown, key: string) => {
    if (node !== null && typeof node === "object") {
      const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
      for (const [k, v] of entries) visit(v, key ? `${key}.${k}` : k);
      return;
    }
    if (key) out[key] = node === null || node === undefined ? "" : String(node);
  };
  visit(value, prefix);
  return out;
}

/**
 * Merges two value sets of a matrix.
 * @throws Error naming the first key both give a different value for.
 */
export function mergeParams(first: Params, second: Params): Params {
  for (const [key, value] of Object.entries(second)) {
    if (key in first && first[key] !== value) {
      throw new Error(`Both generators of the matrix give "${key}" (${JSON.stringify(first[key])} and ${JSON.stringify(value)}); give one of them a pathParamPrefix.`);
    }
  }
  return { ...first, ...second };
}
