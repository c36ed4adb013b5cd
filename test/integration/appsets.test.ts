/**
 * App sets against the real server, the local cluster and real Git (polling every 2 s): a
 * directory generator creates an app per service folder and follows folders as they come and
 * go (deleting only when the policy allows); a matrix of directories × environments; the
 * preview of a pending commit; a progressive rollout that waits for health before the next step.
 */
import { randomBytes } from "node:crypto";
import { CoreV1Api } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadTestKubeConfig } from "../helpers/cluster";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";
import { api } from "../helpers/lockstep-api";
import { createTestNamespace, type TestNamespace } from "../helpers/namespace";
import { until } from "../helpers/until";
import { startWebServer, type WebServer } from "../helpers/web-server";

const CONFIGMAP = (name: string, value = "1") => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;
const SERVICE = (name: string, type: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: ${type}\n  selector:\n    app: ${name}\n  ports:\n    - port: 80\n`;

interface SetBody {
  name: string;
  status: { commit: string | null; apps: { name: string; labels: Record<string, string> }[]; kept: string[]; error: string | null };
  apps?: { name: string; path: string; appSet: string | null }[];
}
interface AppBody {
  name: string;
  path: string;
  appSet: string | null;
  status: { syncStatus: string; healthStatus: string };
}
interface RolloutBody {
  steps: { state: string; apps: { name: string }[] }[];
}

describe("app sets", () => {
  let web: WebServer;
  let git: GitFixture;
  let namespace: TestNamespace;
  let core: CoreV1Api;

  beforeAll(async () => {
    git = await createGitFixture();
    namespace = await createTestNamespace("appsets");
    core = loadTestKubeConfig().makeApiClient(CoreV1Api);
    web = await startWebServer({ kubeconfig: inject("kubeconfig"), env: { LOCKSTEP_REFRESH_SECONDS: "2" } });
  });

  afterAll(async () => {
    await web?.stop();
    await git?.cleanup();
    await namespace?.cleanup();
  });

  async function repoWith(files: Record<string, string>) {
    const name = `set-${randomBytes(3).toString("hex")}.git`;
    const repo = await git.createRepo(name);
    await commitFiles(repo, { files, message: "Services" });
    return { repo, url: git.server.repoUrl(name) };
  }

  const setOf = async (name: string) => (await api<SetBody>(web.url, "GET", `/api/appsets/${name}`)).body;
  const appOf = (name: string) => api<AppBody>(web.url, "GET", `/api/apps/${name}`);
  const appNames = (set: SetBody) => set.status.apps.map((a) => a.name).sort();
  const configMapExists = (name: string) =>
    core.readNamespacedConfigMap({ name, namespace: namespace.name }).then(
      () => true,
      () => false,
    );

  async function createSet(body: Record<string, unknown>): Promise<SetBody> {
    const created = await api<SetBody>(web.url, "POST", "/api/appsets", body);
    expect(created.status, created.text).toBe(201);
    expect(created.body.status.error).toBeNull();
    return created.body;
  }

  it("creates an app per service folder, and creates and deletes apps as folders come and go", async () => {
    const id = randomBytes(3).toString("hex");
    const { repo, url } = await repoWith(Object.fromEntries(["a", "b", "c"].map((s) => [`services/${s}/cm.yaml`, CONFIGMAP(`${s}-${id}`)])));
    const name = `dirs-${id}`;
    const created = await createSet({
      name,
      repoUrl: url,
      revision: "main",
      generator: { git: { directories: [{ path: "services/*" }] } },
      template: { name: "{{path.basename}}-{{path[0]}}-" + id, path: "{{path}}", destNamespace: namespace.name, automated: true, prune: true },
      policy: "create-update",
    });
    expect(appNames(created)).toEqual([`a-services-${id}`, `b-services-${id}`, `c-services-${id}`]);
    expect((await appOf(`a-services-${id}`)).body).toMatchObject({ appSet: name, path: "services/a" });
    await until(() => configMapExists(`a-${id}`), Boolean, "the automated sync of a generated app");

    await commitFiles(repo, { files: { [`services/d/cm.yaml`]: CONFIGMAP(`d-${id}`) }, message: "Add service d" });
    const grown = await until(() => setOf(name), (s) => s.status.apps.length === 4, "the poll to create the new folder's app");
    expect(appNames(grown)).toContain(`d-services-${id}`);

    await commitFiles(repo, { files: { [`services/a/cm.yaml`]: null }, message: "Remove service a" });
    const kept = await until(() => setOf(name), (s) => s.status.kept.length === 1, "the poll to find the folder gone");
    expect(kept.status.kept).toEqual([`a-services-${id}`]);
    expect((await appOf(`a-services-${id}`)).status).toBe(200);

    const update: Record<string, unknown> = { ...(await api<{ spec: Record<string, unknown> }>(web.url, "GET", `/api/appsets/${name}`)).body.spec, policy: "sync" };
    delete update.name;
    const pruning = await api<SetBody>(web.url, "PUT", `/api/appsets/${name}`, update);
    expect(pruning.status, pruning.text).toBe(200);
    expect(appNames(pruning.body)).toEqual([`b-services-${id}`, `c-services-${id}`, `d-services-${id}`]);
    expect((await appOf(`a-services-${id}`)).status).toBe(404);
    expect(await configMapExists(`a-${id}`)).toBe(false);
  });

  it("generates the product of service directories and environments", async () => {
    const id = randomBytes(3).toString("hex");
    const files: Record<string, string> = {};
    for (const service of ["web", "api"]) for (const env of ["dev", "prod"]) files[`services/${service}/${env}/cm.yaml`] = CONFIGMAP(`${service}-${env}-${id}`);
    const { url } = await repoWith(files);
    const set = await createSet({
      name: `matrix-${id}`,
      repoUrl: url,
      revision: "main",
      generator: { matrix: { generators: [{ git: { directories: [{ path: "services/*" }] } }, { list: { elements: [{ env: "dev" }, { env: "prod" }] } }] } },
      template: { name: `{{path.basename}}-{{env}}-${id}`, path: "{{path}}/{{env}}", destNamespace: namespace.name, labels: { env: "{{env}}" } },
    });
    expect(appNames(set)).toEqual([`api-dev-${id}`, `api-prod-${id}`, `web-dev-${id}`, `web-prod-${id}`]);
    expect((await appOf(`web-prod-${id}`)).body.path).toBe("services/web/prod");
    expect(set.status.apps.find((a) => a.name === `api-dev-${id}`)?.labels).toEqual({ env: "dev" });
  });

  it("previews a pending commit: creations, changed fields and deletions the policy holds back", async () => {
    const id = randomBytes(3).toString("hex");
    const { repo, url } = await repoWith({
      "apps/a/config.json": JSON.stringify({ dir: "v1" }),
      "apps/a/v1/cm.yaml": CONFIGMAP(`pa-${id}`),
      "apps/b/config.json": JSON.stringify({ dir: "v1" }),
      "apps/b/v1/cm.yaml": CONFIGMAP(`pb-${id}`),
    });
    const name = `preview-${id}`;
    await createSet({
      name,
      repoUrl: url,
      revision: "main",
      generator: { git: { files: [{ path: "apps/*/config.json" }] } },
      template: { name: `{{path.basename}}-${id}`, path: "{{path}}/{{dir}}", destNamespace: namespace.name },
    });
    await commitFiles(repo, {
      branch: "pending",
      files: { "apps/a/config.json": JSON.stringify({ dir: "v2" }), "apps/b/config.json": null, "apps/c/config.json": JSON.stringify({ dir: "v1" }) },
      message: "Pending change",
    });
    const preview = await api<{ commit: string; changes: Record<string, unknown>[] }>(web.url, "GET", `/api/appsets/${name}/preview?revision=pending`);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.changes).toEqual([
      { action: "update", name: `a-${id}`, update: { path: "apps/a/v2" }, changes: [{ field: "path", from: "apps/a/v1", to: "apps/a/v2" }], allowed: true },
      { action: "delete", name: `b-${id}`, allowed: false },
      expect.objectContaining({ action: "create", name: `c-${id}` }),
    ]);
    const head = await api<{ changes: { action: string }[] }>(web.url, "GET", `/api/appsets/${name}/preview`);
    expect(head.body.changes.map((c) => c.action)).toEqual(["unchanged", "unchanged"]);
    expect((await appOf(`a-${id}`)).body.path).toBe("apps/a/v1");
  });

  it("syncs a later step only once every app of the earlier one is Synced and Healthy", async () => {
    const id = randomBytes(3).toString("hex");
    const { repo, url } = await repoWith({ "dev/svc.yaml": SERVICE(`lb-${id}`, "LoadBalancer"), "prod/cm.yaml": CONFIGMAP(`prod-${id}`) });
    const name = `rollout-${id}`;
    await createSet({
      name,
      repoUrl: url,
      revision: "main",
      generator: { list: { elements: [{ env: "dev" }, { env: "prod" }] } },
      template: { name: `{{env}}-${id}`, path: "{{env}}", destNamespace: namespace.name, labels: { env: "{{env}}" } },
      strategy: { steps: [{ matchLabels: { env: "dev" } }, { matchLabels: { env: "prod" } }] },
    });
    const dev = await until(
      async () => (await appOf(`dev-${id}`)).body,
      (a) => a.status.syncStatus === "Synced",
      "the first step's app to be synced",
    );
    expect(dev.status.healthStatus).toBe("Progressing");
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const waiting = await api<RolloutBody>(web.url, "GET", `/api/appsets/${name}/rollout`);
    expect(waiting.body.steps.map((s) => s.state)).toEqual(["Progressing", "Waiting"]);
    expect((await api<unknown[]>(web.url, "GET", `/api/apps/prod-${id}/history`)).body).toEqual([]);
    expect(await configMapExists(`prod-${id}`)).toBe(false);

    await commitFiles(repo, { files: { "dev/svc.yaml": SERVICE(`lb-${id}`, "ClusterIP") }, message: "No load balancer" });
    await until(
      async () => (await appOf(`prod-${id}`)).body,
      (a) => a.status.syncStatus === "Synced" && a.status.healthStatus === "Healthy",
      "the second step's app to be synced once the first is Healthy",
      90_000,
    );
    expect(await configMapExists(`prod-${id}`)).toBe(true);
    const history = (await api<{ initiator: string }[]>(web.url, "GET", `/api/apps/prod-${id}/history`)).body;
    expect(history.map((op) => op.initiator)).toEqual([`appset:${name}`]);
    const done = await api<RolloutBody>(web.url, "GET", `/api/appsets/${name}/rollout`);
    expect(done.body.steps.map((s) => s.state)).toEqual(["Done", "Done"]);
  });
});
