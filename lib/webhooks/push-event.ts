/**
 * What a push webhook says, whatever the host: which repository (every URL
 * form the payload names — clone, SSH, web), which branches or tags moved, and
 * the default branch when known. Payloads are read defensively: a field that
 * is missing or of the wrong type is skipped, never trusted.
 */
import { eventName, type WebhookProvider } from "./provider";

/** A branch or tag a push moved. */
export interface PushedRef {
  kind: "branch" | "tag";
  /** Short name, e.g. `main` or `v1.2.0`. */
  name: string;
}

/** A push, reduced to what matching apps needs. */
export interface PushEvent {
  /** Every URL the payload gives for the repository. */
  repoUrls: string[];
  /** The refs that moved. */
  refs: PushedRef[];
  /** The repository's default branch, when the payload says. */
  defaultBranch?: string;
}

/** A webhook's meaning: a push, a ping (the host testing the hook), or something Lockstep does not act on. */
export type WebhookEvent = { kind: "push"; push: PushEvent } | { kind: "ping" } | { kind: "other"; event: string };

type Json = Record<string, unknown>;

function objectAt(value: unknown, ...path: string[]): Json | undefined {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    current = (current as Json)[key];
  }
  return typeof current === "object" && current !== null && !Array.isArray(current) ? (current as Json) : undefined;
}

function stringAt(value: unknown, ...path: string[]): string | undefined {
  const parent = objectAt(value, ...path.slice(0, -1));
  const leaf = parent?.[path[path.length - 1] ?? ""];
  return typeof leaf === "string" && leaf.trim() !== "" ? leaf.trim() : undefined;
}

function arrayAt(value: unknown, ...path: string[]): unknown[] {
  const parent = objectAt(value, ...path.slice(0, -1));
  const leaf = parent?.[path[path.length - 1] ?? ""];
  return Array.isArray(leaf) ? leaf : [];
}

/** `refs/heads/main` → branch `main`; `refs/tags/v1` → tag `v1`; anything else is ignored. */
export function refFromName(ref: string | undefined): PushedRef | undefined {
  if (ref?.startsWith("refs/heads/")) return { kind: "branch", name: ref.slice("refs/heads/".length) };
  if (ref?.startsWith("refs/tags/")) return { kind: "tag", name: ref.slice("refs/tags/".length) };
  return undefined;
}

function present(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}

/** GitHub, Gitea and Forgejo share GitHub's push payload. */
function githubLikePush(body: unknown): PushEvent {
  const repo = (field: string) => stringAt(body, "repository", field);
  const ref = refFromName(stringAt(body, "ref"));
  return {
    repoUrls: present([repo("clone_url"), repo("ssh_url"), repo("html_url"), repo("git_url"), repo("url"), repo("svn_url"), repo("original_url")]),
    refs: ref ? [ref] : [],
    defaultBranch: repo("default_branch") ?? repo("master_branch"),
  };
}

function gitlabPush(body: unknown): PushEvent {
  const project = (field: string) => stringAt(body, "project", field);
  const repository = (field: string) => stringAt(body, "repository", field);
  const ref = refFromName(stringAt(body, "ref"));
  return {
    repoUrls: present([
      project("git_http_url"),
      project("git_ssh_url"),
      project("web_url"),
      project("http_url"),
      project("ssh_url"),
      project("url"),
      repository("git_http_url"),
      repository("git_ssh_url"),
      repository("homepage"),
      repository("url"),
    ]),
    refs: ref ? [ref] : [],
    defaultBranch: project("default_branch"),
  };
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).hostname : undefined;
  } catch {
    return undefined;
  }
}

/** Bitbucket Cloud (`repo:push`) and Bitbucket Server / Data Center (`repo:refs_changed`). */
function bitbucketPush(body: unknown): PushEvent {
  const html = stringAt(body, "repository", "links", "html", "href");
  const fullName = stringAt(body, "repository", "full_name");
  const cloneLinks = arrayAt(body, "repository", "links", "clone").map((link) => stringAt(link, "href"));
  const host = hostOf(html);
  const cloudUrls = html && host && fullName ? [`${html.replace(/\/+$/, "")}.git`, `git@${host}:${fullName}.git`] : [];
  const refs: PushedRef[] = [];
  for (const change of arrayAt(body, "push", "changes")) {
    const side = objectAt(change, "new") ?? objectAt(change, "old");
    const type = stringAt(side, "type");
    const name = stringAt(side, "name");
    if (name && (type === "branch" || type === "tag")) refs.push({ kind: type, name });
  }
  for (const change of arrayAt(body, "changes")) {
    const ref = refFromName(stringAt(change, "ref", "id") ?? stringAt(change, "refId"));
    if (ref) refs.push(ref);
  }
  return {
    repoUrls: present([html, ...cloudUrls, ...cloneLinks]),
    refs,
    defaultBranch: stringAt(body, "repository", "mainbranch", "name"),
  };
}

/** Reads a webhook body of `provider` into a {@link WebhookEvent}. */
export function parseWebhookEvent(provider: WebhookProvider, headers: Headers, body: unknown): WebhookEvent {
  const event = eventName(provider, headers);
  switch (provider) {
    case "github":
    case "gitea":
    case "forgejo":
      if (event === "ping") return { kind: "ping" };
      return event === "push" ? { kind: "push", push: githubLikePush(body) } : { kind: "other", event };
    case "gitlab": {
      const kind = stringAt(body, "object_kind");
      return kind === "push" || kind === "tag_push" ? { kind: "push", push: gitlabPush(body) } : { kind: "other", event };
    }
    case "bitbucket":
      if (event === "diagnostics:ping") return { kind: "ping" };
      return event === "repo:push" || event === "repo:refs_changed" ? { kind: "push", push: bitbucketPush(body) } : { kind: "other", event };
  }
}
