import { describe, expect, it } from "vitest";
import { createAppOnRepo } from "../helpers/app-fixture";
import { commitFiles } from "../helpers/git";
import { api, type DiffBody, type OperationBody } from "../helpers/lockstep-api";
import { useServerSuite } from "../helpers/server-suite";

/** A ConfigMap with annotations and data; `extra` adds top-level YAML. */
const CONFIGMAP = (name: string, annotations: Record<string, string> = {}, value = "hello", extra = "") => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  annotations:
${Object.entries({ "lockstep.dev/note": "test", ...annotations }).map(([k, v]) => `    ${k}: "${v}"`).join("\n")}
data:
  greeting: ${value}
${extra}`;

describe("Argo CD's sync and compare annotations, read as they are", () => {
  const suite = useServerSuite();

  const sync = async (name: string, body: Record<string, unknown> = {}) => api<OperationBody>(suite.web.url, "POST", `/api/apps/${name}/sync?wait=true`, body);
  const diffOf = async (name: string) => (await api<DiffBody>(suite.web.url, "GET", `/api/apps/${name}/diff?refresh=true`)).body;
  const configMap = (name: string, namespace: string) => suite.kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace } });
  const synced = async (files: Record<string, string>, spec: Record<string, unknown> = {}) => {
    const app = await createAppOnRepo(suite.web, suite.git, files, spec);
    const op = await sync(app.name);
    expect(op.body.phase, op.text).toBe("Succeeded");
    return { ...app, op: op.body };
  };

  it("argocd.argoproj.io/sync-wave orders the sync, before kind and name", async () => {
    const { namespace, op } = await synced({
      "a.yaml": CONFIGMAP("a-second"),
      "z.yaml": CONFIGMAP("z-first", { "argocd.argoproj.io/sync-wave": "-1" }),
      "m.yaml": CONFIGMAP("m-last", { "argocd.argoproj.io/sync-wave": "2" }),
    });
    expect(op.results.map((r) => r.subject)).toEqual([`ConfigMap/${namespace}/z-first`, `ConfigMap/${namespace}/a-second`, `ConfigMap/${namespace}/m-last`]);
  });

  it("Prune=false keeps an object that left Git, even when pruning; PruneLast=true prunes after the rest", async () => {
    const { name, namespace, repo } = await synced({
      "keep.yaml": CONFIGMAP("kept", { "argocd.argoproj.io/sync-options": "Prune=false" }),
      "last.yaml": CONFIGMAP("last", { "argocd.argoproj.io/sync-options": "PruneLast=true" }),
      "gone.yaml": CONFIGMAP("gone"),
      "stay.yaml": CONFIGMAP("stay"),
    });
    await commitFiles(repo, { files: { "keep.yaml": null, "last.yaml": null, "gone.yaml": null }, message: "Remove three" });
    const op = await sync(name, { prune: true });
    expect(op.body.phase, op.text).toBe("Succeeded");
    const pruned = op.body.results.filter((r) => r.action === "pruned").map((r) => r.subject);
    expect(pruned).toEqual([`ConfigMap/${namespace}/gone`, `ConfigMap/${namespace}/last`]);
    expect(op.body.results.find((r) => r.subject === `ConfigMap/${namespace}/kept`)).toMatchObject({ action: "skipped", message: "requires pruning; Prune=false" });
    expect(await configMap("kept", namespace)).toBeDefined();
    expect(await configMap("last", namespace)).toBeUndefined();
  });

  it("Delete=false keeps an object when its app is deleted with its resources", async () => {
    const { name, namespace } = await synced({ "kept.yaml": CONFIGMAP("kept", { "argocd.argoproj.io/sync-options": "Delete=false" }), "other.yaml": CONFIGMAP("other") });
    const deleted = await api(suite.web.url, "DELETE", `/api/apps/${name}?cascade=true`);
    expect(deleted.status, deleted.text).toBe(200);
    expect(await configMap("kept", namespace)).toBeDefined();
    expect(await configMap("other", namespace)).toBeUndefined();
  });

  it("ServerSideApply=true applies with server-side apply under Lockstep's field manager", async () => {
    const { namespace } = await synced({ "cm.yaml": CONFIGMAP("ssa", { "argocd.argoproj.io/sync-options": "ServerSideApply=true" }) });
    const live = await configMap("ssa", namespace);
    const managers = (live?.metadata.managedFields as { manager: string; operation: string }[]).map((m) => `${m.manager}:${m.operation}`);
    expect(managers).toContain("lockstep:Apply");
  });

  it("Replace=true replaces the object whole, dropping fields another manager added", async () => {
    const { name, namespace, repo } = await synced({ "cm.yaml": CONFIGMAP("replaced", { "argocd.argoproj.io/sync-options": "Replace=true" }) });
    await suite.kube.applyObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "replaced", namespace, labels: { "added-by": "someone" } } }, { fieldManager: "someone-else" });
    expect((await configMap("replaced", namespace))?.metadata.labels?.["added-by"]).toBe("someone");
    await commitFiles(repo, { files: { "cm.yaml": CONFIGMAP("replaced", { "argocd.argoproj.io/sync-options": "Replace=true" }, "changed") }, message: "Change greeting" });
    const op = await sync(name);
    expect(op.body.phase, op.text).toBe("Succeeded");
    expect(op.body.results[0]?.message).toBe("replaced");
    const live = await configMap("replaced", namespace);
    expect(live?.data).toEqual({ greeting: "changed" });
    expect(live?.metadata.labels?.["added-by"]).toBeUndefined();
  });

  it("Validate=false lets the server drop an unknown field that otherwise fails the sync", async () => {
    const strict = await createAppOnRepo(suite.web, suite.git, { "cm.yaml": CONFIGMAP("loose", {}, "hello", "unexpected: field\n") });
    const refused = await sync(strict.name);
    expect(refused.body.phase, refused.text).toBe("Failed");
    expect(refused.body.results[0]?.message).toMatch(/\.unexpected: field not declared in schema/);

    const { namespace } = await synced({ "cm.yaml": CONFIGMAP("loose", { "argocd.argoproj.io/sync-options": "Validate=false" }, "hello", "unexpected: field\n") });
    expect((await configMap("loose", namespace))?.data).toEqual({ greeting: "hello" });
  });

  it("CreateNamespace=true creates the namespace an object lives in before applying it, when the app does not", async () => {
    const { namespace } = await synced({ "cm.yaml": CONFIGMAP("first", { "argocd.argoproj.io/sync-options": "CreateNamespace=true" }) }, { createNamespace: false });
    expect(await suite.kube.getObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } })).toBeDefined();
    expect(await configMap("first", namespace)).toBeDefined();
  });

  it("compare-options IgnoreExtraneous keeps the app Synced when the object leaves Git", async () => {
    const { name, namespace, repo } = await synced({
      "generated.yaml": CONFIGMAP("generated", { "argocd.argoproj.io/compare-options": "IgnoreExtraneous" }),
      "plain.yaml": CONFIGMAP("plain"),
    });
    await commitFiles(repo, { files: { "generated.yaml": null }, message: "Stop declaring generated" });
    const diff = await diffOf(name);
    expect(diff.resources.find((r) => r.subject === `ConfigMap/${namespace}/generated`)?.state).toBe("prunable");
    expect(diff.syncStatus).toBe("Synced");
  });
});
