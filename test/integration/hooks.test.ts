import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { createAppOnRepo } from "../helpers/app-fixture";
import { commitFiles } from "../helpers/git";
import { api, type DiffBody } from "../helpers/lockstep-api";
import { useServerSuite } from "../helpers/server-suite";
import { until } from "../helpers/until";

/** A Job whose Pod kwok completes at once; `hook` annotations make it a hook. */
const JOB = (metadata: string, annotations: Record<string, string> = {}) => `apiVersion: batch/v1
kind: Job
metadata:
${metadata}
  annotations:
${Object.entries(annotations).map(([k, v]) => `    ${k}: "${v}"`).join("\n") || "    lockstep.dev/note: plain"}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: run
          image: busybox:1.37
`;

const CONFIGMAP = (name: string, annotations = "") => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${annotations ? `  annotations:\n${annotations}\n` : ""}data:
  greeting: hello
`;

const DEPLOYMENT = (name: string, extraPodSpec = "", annotations = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${annotations ? `  annotations:\n${annotations}\n` : ""}spec:
  replicas: 1
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels: { app: ${name} }
    spec:
${extraPodSpec}      containers:
        - name: web
          image: nginx:1.27
`;

const KUSTOMIZATION = (resources: string[]) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
${resources.map((r) => `  - ${r}`).join("\n")}
`;

interface HookResult {
  subject: string;
  action: string;
  message?: string;
  hook?: { phase: string; state: string };
}

interface OperationView {
  id: string;
  phase: string;
  message: string | null;
  syncPhase: string | null;
  results: HookResult[];
  log: { message: string }[];
}

describe("sync hooks and waves, on the real cluster", () => {
  const suite = useServerSuite();

  const sync = async (name: string) => api<OperationView>(suite.web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
  const diffOf = async (name: string) => (await api<DiffBody>(suite.web.url, "GET", `/api/apps/${name}/diff?refresh=true`)).body;
  const jobsIn = async (namespace: string) => (await suite.kube.listObjects("batch/v1", "Job", { namespace })).map((j) => j.metadata.name).sort();
  const get = (apiVersion: string, kind: string, name: string, namespace: string) => suite.kube.getObject({ apiVersion, kind, metadata: { name, namespace } });
  const createdAt = (obj: KubeObject | undefined) => Date.parse(String(obj?.metadata.creationTimestamp));

  it("runs PreSync and PostSync Jobs in order around the main resources, deletes them by policy, and keeps them out of the sync status", async () => {
    const files = {
      "kustomization.yaml": KUSTOMIZATION(["configmap.yaml", "deployment.yaml", "migrate.yaml", "smoke.yaml", "skipped.yaml"]),
      "configmap.yaml": CONFIGMAP("settings"),
      "deployment.yaml": DEPLOYMENT("web"),
      "migrate.yaml": JOB("  generateName: db-migrate-", { "argocd.argoproj.io/hook": "PreSync", "argocd.argoproj.io/hook-delete-policy": "HookSucceeded" }),
      "smoke.yaml": JOB("  name: smoke-test", { "argocd.argoproj.io/hook": "PostSync" }),
      "skipped.yaml": CONFIGMAP("never-applied", '    argocd.argoproj.io/hook: Skip'),
    };
    const { name, namespace } = await createAppOnRepo(suite.web, suite.git, files);

    const before = await diffOf(name);
    expect(before.resources.map((r) => r.subject).sort()).toEqual([`ConfigMap/${namespace}/settings`, `Deployment.apps/${namespace}/web`]);

    const op = await sync(name);
    expect(op.body.phase, op.text).toBe("Succeeded");
    const hooks = op.body.results.filter((r) => r.hook);
    expect(hooks.map((r) => [r.subject.replace(/db-migrate-[a-z0-9-]+/, "db-migrate-…"), r.hook])).toEqual([
      [`Job.batch/${namespace}/db-migrate-…`, { phase: "PreSync", state: "Succeeded" }],
      [`Job.batch/${namespace}/smoke-test`, { phase: "PostSync", state: "Succeeded" }],
    ]);
    expect(hooks[0]?.subject).toMatch(new RegExp(`/db-migrate-[0-9a-f]{7}-\\d+-presync$`));
    expect(hooks[0]?.message).toContain("deleted (HookSucceeded)");
    expect(op.body.results.map((r) => r.subject)).toEqual([hooks[0]?.subject, `ConfigMap/${namespace}/settings`, `Deployment.apps/${namespace}/web`, `Job.batch/${namespace}/smoke-test`]);
    expect(op.body.syncPhase).toBe("PostSync");

    expect(await jobsIn(namespace)).toEqual(["smoke-test"]);
    const smoke = await get("batch/v1", "Job", "smoke-test", namespace);
    const web0 = await get("apps/v1", "Deployment", "web", namespace);
    expect(createdAt(smoke)).toBeGreaterThanOrEqual(createdAt(web0));
    expect(await get("v1", "ConfigMap", "never-applied", namespace)).toBeUndefined();
    expect((await diffOf(name)).syncStatus).toBe("Synced");

    const again = await sync(name);
    expect(again.body.phase, again.text).toBe("Succeeded");
    const smokeAgain = await get("batch/v1", "Job", "smoke-test", namespace);
    expect(smokeAgain?.metadata.uid).not.toBe(smoke?.metadata.uid);
    expect(await jobsIn(namespace)).toEqual(["smoke-test"]);
  });

  it("runs the SyncFail hook and no PostSync hook when the main phase fails", async () => {
    const badService = `apiVersion: v1
kind: Service
metadata:
  name: broken
spec:
  selector: { app: web }
  ports:
    - port: 99999
`;
    const files = {
      "kustomization.yaml": KUSTOMIZATION(["service.yaml", "after.yaml", "on-fail.yaml"]),
      "service.yaml": badService,
      "after.yaml": JOB("  name: after", { "argocd.argoproj.io/hook": "PostSync" }),
      "on-fail.yaml": JOB("  generateName: report-", { "argocd.argoproj.io/hook": "SyncFail" }),
    };
    const { name, namespace } = await createAppOnRepo(suite.web, suite.git, files);
    const op = await sync(name);
    expect(op.body.phase, op.text).toBe("Failed");
    expect(op.body.results.find((r) => r.subject === `Service/${namespace}/broken`)?.action).toBe("failed");
    const failHook = op.body.results.find((r) => r.hook?.phase === "SyncFail");
    expect(failHook?.hook?.state).toBe("Succeeded");
    expect(op.body.syncPhase).toBe("SyncFail");
    const jobs = await jobsIn(namespace);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatch(/^report-[0-9a-f]{7}-\d+-syncfail$/);
  });

  it("waits for a wave to be healthy before starting the next, shows the wait, and goes on once it is", async () => {
    const unschedulable = "      nodeSelector: { lockstep.dev/no-such-node: \"true\" }\n";
    const wave = (n: number) => `    argocd.argoproj.io/sync-wave: "${n}"`;
    const files = {
      "kustomization.yaml": KUSTOMIZATION(["db.yaml", "after.yaml"]),
      "db.yaml": DEPLOYMENT("db", unschedulable, wave(0)),
      "after.yaml": CONFIGMAP("after-db", wave(1)),
    };
    const { name, namespace, repo } = await createAppOnRepo(suite.web, suite.git, files);
    const queued = await api<{ id: string }>(suite.web.url, "POST", `/api/apps/${name}/sync`, {});
    expect(queued.status, queued.text).toBe(202);
    const view = () => api<OperationView>(suite.web.url, "GET", `/api/apps/${name}/operations/${queued.body.id}`);
    const waiting = await until(async () => (await view()).body, (current) => current.log.some((l) => l.message.startsWith("Waiting for wave 0 of Sync")), "the sync to wait for wave 0");
    expect(waiting.phase).toBe("Running");
    expect(waiting.syncPhase).toBe("Sync");
    expect(waiting.log.at(-1)?.message).toContain(`Deployment.apps/${namespace}/db is Progressing`);
    expect(await get("v1", "ConfigMap", "after-db", namespace)).toBeUndefined();

    const terminated = await api(suite.web.url, "POST", `/api/apps/${name}/operations/${queued.body.id}/terminate`);
    expect(terminated.status, terminated.text).toBe(200);
    const ended = await until(async () => (await view()).body, (current) => current.phase === "Failed", "the terminated sync to end");
    expect(ended.message).toContain("terminated by");
    expect(await get("v1", "ConfigMap", "after-db", namespace)).toBeUndefined();

    await commitFiles(repo, { files: { "db.yaml": DEPLOYMENT("db", "", wave(0)) }, message: "Schedule db anywhere" });
    const op = await sync(name);
    expect(op.body.phase, op.text).toBe("Succeeded");
    const db = await get("apps/v1", "Deployment", "db", namespace);
    const available = (db?.status as { conditions?: { type: string; status: string; lastTransitionTime: string }[] }).conditions?.find((c) => c.type === "Available" && c.status === "True");
    expect(available).toBeDefined();
    const after = await get("v1", "ConfigMap", "after-db", namespace);
    expect(createdAt(after)).toBeGreaterThanOrEqual(Date.parse(String(available?.lastTransitionTime)));
  });
});
