import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { buildKustomization } from "./kustomize";
import { findKustomizeBinary } from "./kustomize-bin";
import { findUnshare } from "./network-isolation";

const kustomizeBin = await findKustomizeBinary();
const unshareBin = await findUnshare();
const roots: string[] = [];

async function tree(files: Record<string, string>): Promise<string> {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), "lockstep-kustomize-")));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

const CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n";

describe.skipIf(!kustomizeBin || !unshareBin)("kustomize without a network", () => {
  const requests: string[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? "");
      response.end(CONFIGMAP);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it("still builds a local kustomization", async () => {
    const root = await tree({ "app/kustomization.yaml": "resources: [cm.yaml]\nnamePrefix: p-\n", "app/cm.yaml": CONFIGMAP });
    const objects = await buildKustomization(path.join(root, "app"), { root, kustomizeBin });
    expect(objects.map(({ object }) => object.metadata.name)).toEqual(["p-local"]);
  });

  it("cannot fetch from a service on the server's own host, even past the pre-check", async () => {
    const root = await tree({ "app/kustomization.yaml": `resources:\n  - ${base}/x.yaml\n` });
    await expect(buildKustomization(path.join(root, "app"), { root, kustomizeBin })).rejects.toThrow(/kustomize build app failed/);
    expect(requests).toEqual([]);
  });

  it("fails closed when unshare cannot be run", async () => {
    const root = await tree({ "app/kustomization.yaml": "resources: [cm.yaml]\n", "app/cm.yaml": CONFIGMAP });
    await expect(buildKustomization(path.join(root, "app"), { root, kustomizeBin, unshareBin: "/nonexistent/unshare" })).rejects.toThrow(
      "cannot run kustomize without network access: cannot run /nonexistent/unshare (ENOENT)",
    );
  });
});
