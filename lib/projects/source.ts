/** Which repositories a project's apps may render from (Argo CD's `sourceRepos`). */
import { redactCredentials } from "@/lib/source/redact";

import { matchesRepoPatterns } from "./patterns";
import type { Refusal } from "./refusal";
import type { ProjectSpec } from "./schema";

/** Refuses `repoUrl` unless it matches the project's `sourceRepos` (and no `!` entry of them). */
export function checkSource(project: Pick<ProjectSpec, "name" | "sourceRepos">, repoUrl: string): Refusal | undefined {
  if (matchesRepoPatterns(repoUrl, project.sourceRepos)) return undefined;
  return { rule: "source", message: `Repository ${redactCredentials(repoUrl)} is not a source of project ${project.name}.` };
}
