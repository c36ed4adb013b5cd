/**
 * Who may call `POST /api/images`: a CI pipeline presenting
 * `Authorization: Bearer <token>` where the token equals `LOCKSTEP_CI_TOKEN`.
 * The comparison takes the same time whatever the token, and with no token
 * configured every request is refused. This is the one place to swap for
 * per-user API tokens once Lockstep has them.
 */
import path from "node:path";

import type { Auth } from "@/lib/auth/auth";
import { bearerOf } from "@/lib/auth/authenticate";
import { authorize } from "@/lib/auth/authorize";
import { constantTimeEquals } from "@/lib/crypto/constant-time";
import type { DatabaseStores } from "@/lib/db/database";
import { repoMatchKey } from "@/lib/source";

/** The environment variable holding the CI token. */
export const CI_TOKEN_VARIABLE = "LOCKSTEP_CI_TOKEN";

/** Whether a request may proceed, and if not why, in one sentence. */
export type CiTokenVerdict = { allowed: true } | { allowed: false; refusal: "unauthenticated" | "forbidden"; reason: string };

/**
 * Checks the `Authorization` header of a request against the configured CI token.
 * @param configured the token to accept; `process.env.LOCKSTEP_CI_TOKEN` by default.
 */
export function verifyCiToken(authorization: string | null, configured: string | undefined = process.env[CI_TOKEN_VARIABLE]): CiTokenVerdict {
  if (!configured) return { allowed: false, refusal: "forbidden", reason: `The image API is disabled: set ${CI_TOKEN_VARIABLE} on the server to accept CI tokens.` };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) return { allowed: false, refusal: "unauthenticated", reason: "A CI token is required: send Authorization: Bearer <token>." };
  if (!constantTimeEquals(match[1], configured)) return { allowed: false, refusal: "unauthenticated", reason: "The CI token is not valid." };
  return { allowed: true };
}

/** A directory inside a repository, normalized for comparison: `apps/web`, or `.` for the root. */
function normalizeRepoDir(dir: string): string {
  const trimmed = dir.trim().replace(/^\.\/+/, "").replace(/\/+$/, "");
  const base = path.posix.basename(trimmed);
  const withoutFile = ["kustomization.yaml", "kustomization.yml", "Kustomization"].includes(base) ? path.posix.dirname(trimmed) : trimmed;
  return path.posix.normalize(withoutFile || ".");
}

/** What the image-request check is built from. */
export interface ImageRequestAuthorizerDependencies {
  /** Where apps are looked up by repository; a whole `Database` will do. */
  db: Pick<DatabaseStores, "apps">;
  /** Where API tokens are authenticated. */
  auth: Pick<Auth, "authenticateToken">;
  /** Reads `LOCKSTEP_CI_TOKEN`. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Who may set an image, checked against one database and one Auth. */
export function createImageRequestAuthorizer({ db, auth, env = process.env }: ImageRequestAuthorizerDependencies) {
  /**
   * The apps an image change touches: those that deploy `targetPath` of `repoUrl`, the
   * repository matched by key (any spelling of it), as webhooks match apps.
   */
  async function appsAffectedBy(repoUrl: string, targetPath: string): Promise<string[]> {
    const wanted = normalizeRepoDir(targetPath);
    const key = repoMatchKey(repoUrl) ?? repoUrl.trim();
    const sameRepo = (appUrl: string) => (repoMatchKey(appUrl) ?? appUrl.trim()) === key;
    return (await db.apps.listAllApps()).filter((app) => sameRepo(app.repoUrl) && normalizeRepoDir(app.path) === wanted).map((app) => app.name);
  }

  /**
   * Who may set an image: the CI token of `LOCKSTEP_CI_TOKEN`, or a Lockstep API token — an
   * admin's, or one with deployer rights on every app that deploys the changed path (a deployer
   * token may not edit a path no app deploys).
   */
  async function authorizeImageRequest(authorization: string | null, target: { repoUrl: string; path: string }): Promise<CiTokenVerdict> {
    const configured = env[CI_TOKEN_VARIABLE];
    const bearer = bearerOf(authorization);
    if (configured && bearer && constantTimeEquals(bearer, configured)) return { allowed: true };
    if (!bearer) return { allowed: false, refusal: "unauthenticated", reason: "A CI token or API token is required: send Authorization: Bearer <token>." };
    const principal = await auth.authenticateToken(bearer);
    if (!principal) return { allowed: false, refusal: "unauthenticated", reason: "The token is not valid." };
    const apps = await appsAffectedBy(target.repoUrl, target.path);
    if (apps.length === 0) {
      const decision = authorize(principal, { permission: "admin" });
      return decision.allowed ? { allowed: true } : { allowed: false, refusal: "forbidden", reason: `No application deploys ${target.path} of this repository, so only an admin token may change it.` };
    }
    for (const app of apps) {
      const decision = authorize(principal, { permission: "deployer", app });
      if (!decision.allowed) return { allowed: false, refusal: "forbidden", reason: decision.reason };
    }
    return { allowed: true };
  }

  return { appsAffectedBy, authorizeImageRequest };
}
