import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { APP_LABEL, TRACKING_ANNOTATION } from "@/lib/types";

import { renderManifests, type RenderOptions } from "./render";
import { RenderError } from "./render-error";

const roots: string[] = [];

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "lockstep-render-"));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

function render(root: string, options: Partial<RenderOptions> = {}) {
  return renderManifests({ root, path: ".", appName: "shop", destNamespace: "shop-prod", ...options });
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

const DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";
const CLUSTER_ROLE = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n  namespace: ignored\n";

describe("renderManifests on a YAML directory", () => {
  it("puts namespaced objects without a namespace into the destination namespace", async () => {
    const root = await tree({ "deploy.yaml": DEPLOYMENT, "other.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: elsewhere\n" });
    const objects = await render(root);
    expect(objects.map((object) => object.metadata.namespace)).toEqual(["shop-prod", "elsewhere"]);
  });

  it("leaves cluster-scoped kinds without a namespace, even when one is written", async () => {
    const root = await tree({ "ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop-prod\n", "role.yaml": CLUSTER_ROLE });
    const objects = await render(root);
    expect(objects.map((object) => object.metadata.namespace)).toEqual([undefined, undefined]);
  });

  it("asks the caller first, then CRDs in the same render, about namespacedness", async () => {
    const crd = [
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata:\n  name: clusterwidgets.example.com",
      "spec:\n  group: example.com\n  scope: Cluster\n  names:\n    kind: ClusterWidget\n    plural: clusterwidgets",
    ].join("\n");
    const root = await tree({
      "crd.yaml": crd,
      "cw.yaml": "apiVersion: example.com/v1\nkind: ClusterWidget\nmetadata:\n  name: cw\n",
      "gadget.yaml": "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n",
    });
    const objects = await render(root, { isNamespaced: (_apiVersion, kind) => (kind === "Gadget" ? false : undefined) });
    expect(objects.map((object) => [object.kind, object.metadata.namespace])).toEqual([
      ["CustomResourceDefinition", undefined],
      ["ClusterWidget", undefined],
      ["Gadget", undefined],
    ]);
  });

  it("labels every object with the app and annotates it with its tracking id", async () => {
    const root = await tree({ "deploy.yaml": DEPLOYMENT.replace("name: web\n", "name: web\n  labels:\n    tier: front\n"), "role.yaml": CLUSTER_ROLE });
    const [deployment, role] = await render(root);
    expect(deployment?.metadata.labels).toEqual({ tier: "front", [APP_LABEL]: "shop" });
    expect(deployment?.metadata.annotations).toEqual({ [TRACKING_ANNOTATION]: "shop:apps/Deployment:shop-prod/web" });
    expect(role?.metadata.annotations?.[TRACKING_ANNOTATION]).toBe("shop:rbac.authorization.k8s.io/ClusterRole:/reader");
  });

  it("renders only the app's path", async () => {
    const root = await tree({ "apps/web/deploy.yaml": DEPLOYMENT, "apps/api/deploy.yaml": DEPLOYMENT.replace("web", "api") });
    const objects = await render(root, { path: "apps/web/" });
    expect(objects.map((object) => object.metadata.name)).toEqual(["web"]);
  });

  it("refuses two objects with the same group, kind, namespace and name, naming both files", async () => {
    const root = await tree({ "a.yaml": DEPLOYMENT, "b/again.yaml": DEPLOYMENT.replace("name: web\n", "name: web\n  namespace: shop-prod\n") });
    await expect(render(root, { source: { directory: { recurse: true } } })).rejects.toThrow("duplicate object Deployment.apps/shop-prod/web: defined in a.yaml and in b/again.yaml");
  });

  it("names a missing path and the commit", async () => {
    const root = await tree({ "deploy.yaml": DEPLOYMENT });
    const error = await render(root, { path: "apps/missing", commit: "0123456789abcdef0123456789abcdef01234567" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as Error).message).toBe("path apps/missing does not exist in the repository at 0123456789abcdef0123456789abcdef01234567");
  });

  it("refuses a path that climbs out of the repository", async () => {
    const root = await tree({ "deploy.yaml": DEPLOYMENT });
    await expect(render(root, { path: "../.." })).rejects.toThrow("path ../.. is outside the repository");
  });
});
