/**
 * A real Helm chart repository for tests: charts written from files, packaged with the real
 * `helm package`, indexed with `helm repo index`, and served on loopback by node:http (an
 * `index.yaml` and `.tgz` files), optionally behind HTTP basic auth.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { findHelmBinary } from "@/lib/source";
import { hasValidBasicAuth, type BasicCredentials } from "@/tools/gitserver/basic-auth";

const run = promisify(execFile);

/** A chart repository served on loopback. */
export interface ChartRepo {
  /** The repository's URL, e.g. `http://127.0.0.1:40123/charts`. */
  url: string;
  /** The helm binary the charts were packaged with. */
  helm: string;
  /** Requests seen, as `METHOD path status`, to assert what was fetched. */
  requests: string[];
  /** Packages a chart from `files` (path → content, `Chart.yaml` included) and re-indexes. */
  publish(name: string, files: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

/** The helm binary tests use. @throws Error when there is none. */
export async function requireHelm(): Promise<string> {
  const helm = await findHelmBinary();
  if (!helm) throw new Error("helm is not installed: run tools/localcluster's build or set LOCKSTEP_HELM");
  return helm;
}

/** Writes `files` (path → content) below `dir`. */
export async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}

/** Starts a chart repository at `/charts`; with `auth`, every request must carry those credentials. */
export async function startChartRepo(options: { auth?: BasicCredentials } = {}): Promise<ChartRepo> {
  const helm = await requireHelm();
  const work = await mkdtemp(path.join(os.tmpdir(), "lockstep-chart-repo-"));
  const served = path.join(work, "served");
  await mkdir(served);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: work, HELM_CACHE_HOME: path.join(work, "h"), HELM_CONFIG_HOME: path.join(work, "h"), HELM_DATA_HOME: path.join(work, "h") };
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const answer = (status: number, body: Buffer | string, type = "text/plain") => {
      requests.push(`${request.method} ${request.url} ${status}`);
      response.writeHead(status, { "Content-Type": type, ...(status === 401 ? { "WWW-Authenticate": 'Basic realm="charts"' } : {}) });
      response.end(body);
    };
    if (options.auth && !hasValidBasicAuth(request.headers.authorization, options.auth)) return answer(401, "unauthorized");
    const name = (request.url ?? "").replace(/^\/charts\//, "").split("?")[0] ?? "";
    if (!/^[\w.-]+$/.test(name)) return answer(404, "not found");
    readFile(path.join(served, name)).then(
      (body) => answer(200, body, name.endsWith(".yaml") ? "application/x-yaml" : "application/gzip"),
      () => answer(404, "not found"),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/charts`;
  return {
    url,
    helm,
    requests,
    async publish(name, files) {
      const dir = path.join(work, "sources", name);
      await rm(dir, { recursive: true, force: true });
      await writeTree(dir, files);
      await run(helm, ["package", dir, "--destination", served], { env });
      await run(helm, ["repo", "index", served, "--url", url], { env });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(work, { recursive: true, force: true });
    },
  };
}
