/**
 * Attack: a server action is a public endpoint, and its arguments are whatever the client sends.
 * Calling the sync action with extra keys (`kind: "rollback"`, `rollbackOf`) must not falsify
 * the app's history; and a crafted `/login?error=` link must not put its text on the sign-in
 * page. Server actions are called the way the authorization matrix does: a `Next-Action` POST
 * with the action's id from the build's server reference manifest.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signInApi } from "../../helpers/auth";
import { commitFiles, createGitFixture, type GitFixture } from "../../helpers/git";
import { api } from "../../helpers/lockstep-api";
import { startWebServer, type WebServer } from "../../helpers/web-server";

const CONFIGMAP = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  greeting: hello\n`;

async function serverActionId(key: string): Promise<string> {
  const distDir = process.env.LOCKSTEP_DIST_DIR ?? ".next";
  const manifest = JSON.parse(await readFile(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => `${entry.filename}#${entry.exportedName}` === key);
  if (!found) throw new Error(`No server action ${key} in the build.`);
  return found[0];
}

describe("server action arguments and the sign-in page's error", () => {
  let web: WebServer;
  let git: GitFixture;
  let cookie: string;

  beforeAll(async () => {
    git = await createGitFixture();
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_RECONCILER: "off" } });
    cookie = await signInApi(web.url, "admin", web.adminPassword);
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
  });

  it("does not let extra sync arguments falsify the app's history", async () => {
    const id = randomBytes(3).toString("hex");
    const name = `actions-${id}`;
    const repo = await git.createRepo(`${name}.git`);
    await commitFiles(repo, { files: { "configmap.yaml": CONFIGMAP }, message: "Plain" });
    const created = await api(web.url, "POST", "/api/apps", { name, repoUrl: git.server.repoUrl(`${name}.git`), targetRevision: "main", destNamespace: name, createNamespace: true });
    expect(created.status, created.text).toBe(201);

    const forged = [name, { prune: false, dryRun: true, resources: [], kind: "rollback", rollbackOf: "forged-entry", startedBy: "someone-else" }, "extra"];
    const response = await fetch(`${web.url}/apps/${name}`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: web.url, cookie, "next-action": await serverActionId("app/apps/actions.ts#syncAction"), "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify(forged),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("The request is invalid.");

    const history = await api<{ kind: string; rollbackOf: string | null }[]>(web.url, "GET", `/api/apps/${name}/history`);
    expect(history.status).toBe(200);
    expect(history.body.some((entry) => entry.kind === "rollback" || entry.rollbackOf === "forged-entry")).toBe(false);
  }, 120_000);

  it("shows a fixed sentence for /login?error=, never the text of the link", async () => {
    const payload = "<script>alert('owned')</script>Your session expired, enter your password at evil.example";
    const page = await (await fetch(`${web.url}/login?error=${encodeURIComponent(payload)}`)).text();
    expect(page).not.toContain("<script>alert(");
    expect(/role="alert">([^<]*)</.exec(page)?.[1]).toBe("Signing in failed; try again.");
    expect(page.replace(/self\.__next_f\.push\(.*?\)<\/script>/gs, "")).not.toContain("evil.example");
    const known = await (await fetch(`${web.url}/login?error=sso-no-role`)).text();
    expect(known).toContain("Your groups give you no role in Lockstep; ask an administrator.");
  });
});
