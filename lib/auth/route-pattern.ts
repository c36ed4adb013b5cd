/**
 * Route patterns in the App Router's own folder syntax — `/api/apps/[name]/sync`,
 * `/docs/[...slug]`, `/shop/[[...slug]]` — matched against request paths, with Next.js's
 * precedence: a literal segment beats a `[param]`, which beats a catch-all.
 */

type Segment = { kind: "literal"; value: string } | { kind: "param"; name: string } | { kind: "rest"; name: string; optional: boolean };

function parseSegment(segment: string): Segment {
  const optionalRest = /^\[\[\.\.\.(\w+)\]\]$/.exec(segment);
  if (optionalRest) return { kind: "rest", name: optionalRest[1]!, optional: true };
  const rest = /^\[\.\.\.(\w+)\]$/.exec(segment);
  if (rest) return { kind: "rest", name: rest[1]!, optional: false };
  const param = /^\[(\w+)\]$/.exec(segment);
  if (param) return { kind: "param", name: param[1]! };
  return { kind: "literal", value: segment };
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

/** The values of a pattern's parameters in a path; catch-alls joined with `/`. */
export type RouteParams = Record<string, string>;

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The parameters when `path` matches `pattern`, else undefined. */
export function matchRoutePattern(pattern: string, path: string): RouteParams | undefined {
  const segments = split(pattern).map(parseSegment);
  const parts = split(path);
  const params: RouteParams = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === "rest") {
      const restParts = parts.slice(i);
      if (restParts.length === 0 && !segment.optional) return undefined;
      const decoded = restParts.map(decode);
      if (decoded.some((d) => d === undefined)) return undefined;
      params[segment.name] = decoded.join("/");
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    const value = decode(part);
    if (value === undefined) return undefined;
    if (segment.kind === "literal" && segment.value !== value) return undefined;
    if (segment.kind === "param") params[segment.name] = value;
  }
  return parts.length === segments.length ? params : undefined;
}

/**
 * Orders patterns most specific first: compared segment by segment, literal before
 * `[param]` before catch-all, as Next.js resolves overlapping routes.
 */
export function comparePatternSpecificity(a: string, b: string): number {
  const rank = (s: Segment) => (s.kind === "literal" ? 0 : s.kind === "param" ? 1 : 2);
  const sa = split(a).map(parseSegment);
  const sb = split(b).map(parseSegment);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const x = sa[i];
    const y = sb[i];
    if (!x || !y) return x ? -1 : 1;
    const diff = rank(x) - rank(y);
    if (diff !== 0) return diff;
  }
  return 0;
}
