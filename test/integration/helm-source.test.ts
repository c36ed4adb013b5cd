/**
 * Helm sources with the real helm binary: a chart in a Git repository over smart HTTP, its
 * dependency fetched by `helm dependency build` from a chart repository served on loopback
 * behind basic auth (credentials from the source's lookup), values files, inline values,
 * parameters and capabilities; the failures a user must see named; and kustomize's helmCharts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createSource, isRenderError, type CredentialLookup, type Source } from "@/lib/source";

import { startChartRepo, type ChartRepo } from "../helpers/chart-repo";
import { commitFiles, createGitFixture, type GitFixture } from "../helpers/git";

const CHART_AUTH = { username: "charts-bot", password: "chart-repo-s3cret" };

const COMMON_CHART = {
  "Chart.yaml": "apiVersion: v2\nname: common\nversion: 1.2.0\n",
  "values.yaml": "greeting: hello\n",
  "templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-common\ndata:\n  greeting: {{ .Values.greeting | quote }}\n",
};

const SHOP_CHART = (repoUrl: string) => ({
  "charts/shop/Chart.yaml": `apiVersion: v2\nname: shop\nversion: 0.1.0\ndependencies:\n  - name: common\n    version: "1.2.0"\n    repository: ${repoUrl}\n`,
  "charts/shop/values.yaml": "replicas: 1\nimage: nginx:1.25\ncolor: blue\n",
  "charts/shop/values-prod.yaml": "replicas: 3\n",
  "envs/prod.yaml": "color: green\n",
  "charts/shop/templates/deploy.yaml": [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: {{ .Release.Name }}",
    "  annotations:",
    "    kube-version: {{ .Capabilities.KubeVersion.Version | quote }}",
    "    has-widgets: {{ .Capabilities.APIVersions.Has \"widgets.example.com/v1\" | quote }}",
    "spec:",
    "  replicas: {{ .Values.replicas }}",
    "  selector: { matchLabels: { app: shop } }",
    "  template:",
    "    metadata: { labels: { app: shop, color: {{ .Values.color | quote }}, build: {{ .Values.build | quote }} } }",
    "    spec: { containers: [{ name: main, image: {{ .Values.image | quote }} }] }",
    "",
  ].join("\n"),
  "charts/shop/templates/tests/test.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations: { helm.sh/hook: test }\nspec: { containers: [{ name: t, image: busybox }] }\n",
});

describe("Helm sources with the real helm", () => {
  let git: GitFixture;
  let charts: ChartRepo;
  let dataDir: string;
  let source: Source;
  let repo: string;
  let url: string;
  let lookups: string[];

  beforeAll(async () => {
    git = await createGitFixture();
    charts = await startChartRepo({ auth: CHART_AUTH });
    await charts.publish("common", COMMON_CHART);
  });

  afterAll(async () => {
    await charts.close();
    await git.cleanup();
  });

  let repoCount = 0;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "lockstep-helm-source-"));
    lookups = [];
    const credentials: CredentialLookup = async (repoUrl) => {
      lookups.push(repoUrl);
      return repoUrl.startsWith(charts.url) ? { basic: CHART_AUTH } : undefined;
    };
    source = createSource({ dataDir, credentials, helm: charts.helm });
    const name = `helm-${++repoCount}.git`;
    repo = await git.createRepo(name);
    url = git.server.repoUrl(name);
  });

  afterEach(async () => {
    await source.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const load = (extra: Partial<Parameters<Source["loadDesiredState"]>[0]> = {}) =>
    source.loadDesiredState({ repoUrl: url, revision: "main", path: "charts/shop", appName: "shop", destNamespace: "shop-prod", ...extra });

  it("renders a chart with values files, inline values, parameters, capabilities and a dependency from an authenticated chart repository", async () => {
    await commitFiles(repo, { files: SHOP_CHART(charts.url), message: "shop chart" });
    const state = await load({
      source: { helm: { valueFiles: ["values-prod.yaml", "/envs/prod.yaml"], values: "image: nginx:1.27\n", parameters: [{ name: "build", value: "007", forceString: true }], skipTests: true } },
      capabilities: { kubeVersion: "v1.31.4", apiVersions: ["v1", "apps/v1", "widgets.example.com/v1"] },
    });
    expect(state.sourceType).toBe("Helm");
    expect(state.objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual(["ConfigMap/shop-prod/shop-common", "Deployment/shop-prod/shop"]);
    const deployment = state.objects.find((o) => o.kind === "Deployment") as unknown as {
      metadata: { annotations: Record<string, string> };
      spec: { replicas: number; template: { metadata: { labels: Record<string, string> }; spec: { containers: { image: string }[] } } };
    };
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.metadata.labels).toMatchObject({ color: "green", build: "007" });
    expect(deployment.spec.template.spec.containers[0]?.image).toBe("nginx:1.27");
    expect(deployment.metadata.annotations).toMatchObject({ "kube-version": "v1.31.4", "has-widgets": "true" });
    expect(charts.requests.some((r) => r.endsWith("200") && r.includes("common-1.2.0.tgz"))).toBe(true);
    expect(lookups).toContain(charts.url);
  });

  it("keeps the chart's test hooks unless skipTests, and renders again when the inline values change", async () => {
    await commitFiles(repo, { files: SHOP_CHART(charts.url), message: "shop chart" });
    const first = await load({ source: { helm: { values: "image: nginx:1.26\n" } } });
    expect(first.objects.map((o) => o.metadata.name)).toContain("shop-test");
    const second = await load({ source: { helm: { values: "image: nginx:1.28\n" } } });
    const image = (objects: typeof first.objects) => JSON.stringify(objects.find((o) => o.kind === "Deployment"));
    expect(image(first.objects)).toContain("nginx:1.26");
    expect(image(second.objects)).toContain("nginx:1.28");
  });

  it("names the dependency of a chart without templates when it cannot be fetched, and never shows the password", async () => {
    await commitFiles(repo, {
      files: {
        "charts/shop/Chart.yaml": `apiVersion: v2\nname: shop\nversion: 0.1.0\ndependencies:\n  - name: nowhere\n    version: "9.9.9"\n    repository: ${charts.url}\n`,
        "charts/shop/values.yaml": "{}\n",
      },
      message: "umbrella",
    });
    const error = await load().catch((caught: unknown) => caught);
    expect(isRenderError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^chart charts\/shop: cannot fetch dependency nowhere: /);
    expect((error as Error).message).not.toContain(CHART_AUTH.password);
  });

  it("refuses a chart repository with the wrong credentials with a redacted message", async () => {
    const wrong = createSource({ dataDir: path.join(dataDir, "wrong"), credentials: async (u) => (u.startsWith(charts.url) ? { basic: { username: "charts-bot", password: "not-the-password" } } : undefined), helm: charts.helm });
    try {
      await commitFiles(repo, { files: SHOP_CHART(charts.url), message: "shop chart" });
      const error = await wrong.loadDesiredState({ repoUrl: url, revision: "main", path: "charts/shop", appName: "shop", destNamespace: "shop" }).catch((caught: unknown) => caught);
      expect((error as Error).message).toMatch(/^chart charts\/shop: cannot fetch dependency common: /);
      expect((error as Error).message).not.toContain("not-the-password");
    } finally {
      await wrong.close();
    }
  });

  it("refuses OCI dependencies and values files outside the repository before Helm fetches anything", async () => {
    await commitFiles(repo, {
      files: { ...SHOP_CHART("oci://registry.example.com/charts"), "charts/other/Chart.yaml": "apiVersion: v2\nname: other\nversion: 0.1.0\n", "charts/other/templates/cm.yaml": COMMON_CHART["templates/cm.yaml"] },
      message: "oci",
    });
    await expect(load()).rejects.toThrow("chart charts/shop: dependency common comes from an OCI registry (oci://registry.example.com/charts)");
    await expect(load({ path: "charts/other", source: { helm: { valueFiles: ["../../../outside.yaml"] } } })).rejects.toThrow("values file ../../../outside.yaml is outside the repository");
  });

  it("refuses a chart that renders no objects and has no templates", async () => {
    await commitFiles(repo, { files: { "charts/shop/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 0.1.0\n", "charts/shop/values.yaml": "{}\n" }, message: "empty" });
    await expect(load()).rejects.toThrow("chart charts/shop rendered no objects: it has no templates");
  });

  it("refuses a source type that does not match the path", async () => {
    await commitFiles(repo, { files: SHOP_CHART(charts.url), message: "shop chart" });
    await expect(load({ source: { type: "Kustomize" } })).rejects.toThrow("the app's source type is Kustomize but path charts/shop holds a Chart.yaml (it is Helm)");
  });

  it("inflates a local chart named in a kustomization's helmCharts with the same helm", async () => {
    await commitFiles(repo, {
      files: {
        "apps/web/kustomization.yaml": "helmCharts:\n  - name: common\n    releaseName: web\n    valuesInline:\n      greeting: bonjour\n",
        ...Object.fromEntries(Object.entries(COMMON_CHART).map(([name, content]) => [`apps/web/charts/common/${name}`, content])),
      },
      message: "kustomize helm",
    });
    const state = await load({ path: "apps/web", appName: "web" });
    expect(state.sourceType).toBe("Kustomize");
    expect(state.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["ConfigMap/web-common"]);
    expect(state.objects[0]?.data).toEqual({ greeting: "bonjour" });
  });
});
