/**
 * Which apps a push concerns: those on the same repository (compared by host
 * and path, whatever URL form each side used) whose target revision moved —
 * the pushed branch or tag by name or full ref, or `HEAD` when the default
 * branch moved (or the payload does not say which branch is the default).
 * Apps pinned to a commit SHA never move.
 */
import { isCommitSha, repoMatchKey } from "@/lib/source";

import type { PushEvent } from "./push-event";

/** The fields of an app that matching reads. */
export interface AppSourceRef {
  name: string;
  repoUrl: string;
  targetRevision: string;
}

/** True when `app` follows a revision the push moved. */
function followsPushedRef(app: AppSourceRef, push: PushEvent): boolean {
  const revision = app.targetRevision.trim();
  if (isCommitSha(revision.toLowerCase())) return false;
  if (revision === "HEAD") {
    return push.defaultBranch === undefined ? push.refs.some((ref) => ref.kind === "branch") : push.refs.some((ref) => ref.kind === "branch" && ref.name === push.defaultBranch);
  }
  return push.refs.some((ref) => revision === ref.name || revision === `refs/${ref.kind === "branch" ? "heads" : "tags"}/${ref.name}`);
}

/** The apps on the pushed repository, whatever revision they follow. */
export function appsOnRepository<T extends AppSourceRef>(apps: readonly T[], push: PushEvent): T[] {
  const keys = new Set(push.repoUrls.map(repoMatchKey).filter((key): key is string => key !== undefined));
  return apps.filter((app) => {
    const key = repoMatchKey(app.repoUrl);
    return key !== undefined && keys.has(key);
  });
}

/** The names of the apps a push concerns. */
export function affectedApps(apps: readonly AppSourceRef[], push: PushEvent): string[] {
  return appsOnRepository(apps, push)
    .filter((app) => followsPushedRef(app, push))
    .map((app) => app.name);
}
