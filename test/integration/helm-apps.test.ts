/**
 * Helm apps through the production server, as a user drives them: a chart whose dependency
 * comes from a chart repository behind basic auth (its credentials stored through the API)
 * renders, syncs, shows Synced and Healthy with its source type, and re-syncs after a values
 * change committed to Git; a chart without templates whose dependency cannot be resolved
 * shows a ComparisonError naming it, never Synced.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { createAppOnRepo } from "../helpers/app-fixture";
import { requireHelm, startChartRepo, type ChartRepo } from "../helpers/chart-repo";
import { commitFiles } from "../helpers/git";
import { api, type DiffBody, type OperationBody } from "../helpers/lockstep-api";
import { useServerSuite } from "../helpers/server-suite";

const CHART_AUTH = { username: "charts-bot", password: "helm-apps-chart-s3cret" };

const LIBRARY_CHART = {
  "Chart.yaml": "apiVersion: v2\nname: settings\nversion: 2.0.0\n",
  "values.yaml": "greeting: hello\n",
  "templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  greeting: {{ .Values.greeting | quote }}\n",
};

const WEB_CHART = (repoUrl: string, replicas: number) => ({
  "chart/Chart.yaml": `apiVersion: v2\nname: web\nversion: 0.1.0\ndependencies:\n  - name: settings\n    version: "2.0.0"\n    repository: ${repoUrl}\n`,
  "chart/values.yaml": "replicas: 1\nimage: nginx:1.25\n",
  "envs/prod.yaml": `replicas: ${replicas}\nsettings:\n  greeting: bonjour\n`,
  "chart/templates/deployment.yaml": [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: {{ .Release.Name }}",
    "spec:",
    "  replicas: {{ .Values.replicas }}",
    "  selector: { matchLabels: { app: {{ .Release.Name }} } }",
    "  template:",
    "    metadata: { labels: { app: {{ .Release.Name }} } }",
    "    spec: { containers: [{ name: main, image: {{ .Values.image | quote }} }] }",
    "",
  ].join("\n"),
  "chart/templates/service.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector: { app: {{ .Release.Name }} }\n  ports: [{ port: 80 }]\n",
});

interface AppBody {
  source: unknown;
  status: { syncStatus: string; healthStatus: string; sourceType: string | null; conditions: { type: string; message: string }[] };
}

describe("Helm apps through the server", () => {
  let charts: ChartRepo;
  const suite = useServerSuite({
    before: async () => {
      charts = await startChartRepo({ auth: CHART_AUTH });
      await charts.publish("settings", LIBRARY_CHART);
      return { env: { LOCKSTEP_HELM: await requireHelm() } };
    },
    after: async () => {
      await charts?.close();
    },
  });

  beforeAll(async () => {
    const credential = await api(suite.web.url, "POST", "/api/repositories", { urlPrefix: charts.url, username: CHART_AUTH.username, password: CHART_AUTH.password });
    expect(credential.status, credential.text).toBe(201);
  });

  /** A repository with `files` and an app on `path` with `source`, in a fresh namespace. */
  const setUp = (files: Record<string, string>, app: { path: string; source?: Record<string, unknown> }) => createAppOnRepo(suite.web, suite.git, files, app);

  const diffOf = async (name: string) => (await api<DiffBody>(suite.web.url, "GET", `/api/apps/${name}/diff?refresh=true`)).body;
  const appOf = async (name: string) => (await api<AppBody>(suite.web.url, "GET", `/api/apps/${name}`)).body;
  const sync = async (name: string) => api<OperationBody>(suite.web.url, "POST", `/api/apps/${name}/sync?wait=true`, {});
  const replicasOf = async (name: string, namespace: string) =>
    ((await suite.kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace } }))?.spec as { replicas?: number } | undefined)?.replicas;

  it("renders a chart with values files, parameters and a dependency from a chart repository with stored credentials, syncs it Synced and Healthy, and re-syncs after a values change", async () => {
    const source = { type: "Helm", helm: { releaseName: "shop", valueFiles: ["/envs/prod.yaml"], parameters: [{ name: "image", value: "nginx:1.27" }] } };
    const { name, namespace, repo } = await setUp(WEB_CHART(charts.url, 2), { path: "chart", source });

    const before = await diffOf(name);
    expect(before.conditions, JSON.stringify(before.conditions)).toEqual([]);
    expect(before.resources.map((r) => r.subject).sort()).toEqual([`ConfigMap/${namespace}/shop-settings`, `Deployment.apps/${namespace}/shop`, `Service/${namespace}/shop`]);
    const op = await sync(name);
    expect(op.body.phase, op.text).toBe("Succeeded");
    expect((await diffOf(name)).syncStatus).toBe("Synced");
    await expect.poll(async () => (await appOf(name)).status.healthStatus, { timeout: 30_000 }).toBe("Healthy");
    const app = await appOf(name);
    expect(app.status.sourceType).toBe("Helm");
    expect(app.source).toEqual(source);
    expect(await replicasOf("shop", namespace)).toBe(2);
    const settings = await suite.kube.getObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "shop-settings", namespace } });
    expect(settings?.data).toEqual({ greeting: "bonjour" });
    const deployment = await suite.kube.getObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "shop", namespace } });
    expect(JSON.stringify(deployment)).toContain("nginx:1.27");

    await commitFiles(repo, { files: { "envs/prod.yaml": "replicas: 4\nsettings:\n  greeting: bonjour\n" }, message: "Scale to 4" });
    const drift = await diffOf(name);
    expect(drift.syncStatus).toBe("OutOfSync");
    expect(drift.resources.find((r) => r.subject.startsWith("Deployment.apps/"))?.changedPaths.join(" ")).toContain("replicas");
    expect((await sync(name)).body.phase).toBe("Succeeded");
    expect(await replicasOf("shop", namespace)).toBe(4);
    expect((await diffOf(name)).syncStatus).toBe("Synced");
    expect(suite.web.logs()).not.toContain(CHART_AUTH.password);
  });

  it("shows a ComparisonError naming the dependency of a chart without templates that cannot be resolved, never Synced", async () => {
    const { name } = await setUp(
      {
        "umbrella/Chart.yaml": `apiVersion: v2\nname: umbrella\nversion: 0.1.0\ndependencies:\n  - name: missing-chart\n    version: "1.0.0"\n    repository: ${charts.url}\n`,
        "umbrella/values.yaml": "{}\n",
      },
      { path: "umbrella" },
    );
    const diff = await diffOf(name);
    expect(diff.syncStatus).not.toBe("Synced");
    expect(diff.conditions.map((c) => c.type)).toContain("ComparisonError");
    expect(diff.conditions.find((c) => c.type === "ComparisonError")?.message).toMatch(/missing-chart/);
    const app = await appOf(name);
    expect(app.status.syncStatus).not.toBe("Synced");
    expect(JSON.stringify(app.status.conditions)).not.toContain(CHART_AUTH.password);
  });
});
