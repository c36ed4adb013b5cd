/**
 * Which features the build under test has. Measurements that need a missing feature report
 * "not available yet (feature missing)" instead of a number, never a stand-in figure.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { LockstepClient } from "./lockstep-client";

/** Features some measurements need. */
export type Feature = "webhook" | "live-watch" | "rollback";

/** What each feature is, for the "not available" reason. */
export const FEATURE_DESCRIPTIONS: Record<Feature, string> = {
  webhook: "Git webhook endpoint POST /api/webhooks/git",
  "live-watch": "watch-based live state (lib/cache) that marks an app OutOfSync when a live object changes",
  rollback: "rollback endpoint POST /api/apps/<name>/rollback",
};

/**
 * True when the route answers as a Lockstep route handler (a JSON body, whatever the status),
 * not with Next's HTML 404 page (which the JSON decoding of `api()` refuses).
 */
async function hasRoute(client: LockstepClient, method: string, routePath: string): Promise<boolean> {
  try {
    const result = await client.raw(method, routePath, {});
    return result.status !== 404 || result.body !== undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

async function listTraceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith(".nft.json")).map((e) => path.join(e.parentPath, e.name));
}

/**
 * True when some server route of the production build traces a project source file under
 * `sourceDir` (e.g. `lib/cache/`); the traces (`*.nft.json`) list files relative to themselves.
 */
async function buildIncludes(distDir: string, sourceDir: string): Promise<boolean> {
  const root = process.cwd();
  for (const file of await listTraceFiles(path.join(distDir, "server", "app"))) {
    const trace = JSON.parse(await readFile(file, "utf8")) as { files?: string[] };
    for (const traced of trace.files ?? []) {
      const fromRoot = path.relative(root, path.resolve(path.dirname(file), traced)).split(path.sep).join("/");
      if (fromRoot.startsWith(sourceDir)) return true;
    }
  }
  return false;
}

/** Probes the running server and its build for each feature. */
export async function detectFeatures(client: LockstepClient, distDir: string): Promise<Set<Feature>> {
  const found = new Set<Feature>();
  if (await hasRoute(client, "POST", "/api/webhooks/git")) found.add("webhook");
  if (await hasRoute(client, "POST", "/api/apps/lockstep-bench-probe/rollback")) found.add("rollback");
  if (await buildIncludes(distDir, "lib/cache/")) found.add("live-watch");
  return found;
}

/** The reason printed for a measurement whose features are missing. */
export function missingReason(missing: Feature[]): string {
  return `not available yet (feature missing: ${missing.map((f) => FEATURE_DESCRIPTIONS[f]).join("; ")})`;
}
