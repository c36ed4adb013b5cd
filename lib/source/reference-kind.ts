/**
 * What kustomize would make of a reference in a kustomization, before any local file is looked
 * at. Kustomize tries a URL-shaped reference as a URL first — an `http(s)://` file is fetched,
 * and `git::…`, `ssh://…`, `git@host:…` or `github.com/…` is cloned — even when a local path of
 * that name exists, so the shape alone decides. The forms follow kustomize's own parsers
 * (`api/internal/git/repospec.go` and `api/loader`), with the forms older releases also fetched
 * through go-getter (`s3::…`, `host.tld/path`).
 */

/**
 * - `server-file`: a `file://` URL (or `git::file://`), which would read the server's own disk —
 *   another app's mirror, for one; never allowed.
 * - `remote`: a URL or git address kustomize would fetch.
 * - `host-like`: `example.com/org/repo`, fetched by older kustomize releases; remote unless a
 *   local path of that name exists.
 * - `local`: a path inside the repository.
 */
export type ReferenceKind = "server-file" | "remote" | "host-like" | "local";

const SERVER_FILE = /^([a-z][a-z0-9]*::)?file:/i;
const URL_SHAPES = [
  /^[a-z][a-z0-9]*::/i,
  /^[a-z][a-z0-9+.-]*:\/\//i,
  /^gh:/i,
  /^github\.com[/:]/i,
  /^[^/:@\s]+@[^/:\s]+[:/]/,
];
const HOST_LIKE = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?\//i;

/** Classifies one reference by its shape alone; see {@link ReferenceKind}. */
export function classifyReference(reference: string): ReferenceKind {
  const ref = reference.trim();
  if (SERVER_FILE.test(ref)) return "server-file";
  if (URL_SHAPES.some((shape) => shape.test(ref))) return "remote";
  if (HOST_LIKE.test(ref)) return "host-like";
  return "local";
}
