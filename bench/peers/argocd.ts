/**
 * Argo CD driven as its users drive it without the API server: `Application` objects with an
 * automated sync policy, and a refresh asked for by the `argocd.argoproj.io/refresh: normal`
 * annotation (what its webhook handler writes on the apps a push affects).
 */
import { ARGOCD_NAMESPACE, kubectl, type PeerKubectl, type PeerRuntime } from "@/tools/peers";
import type { PeerApp, PeerAppState, PeerDriver } from "./driver";

const REFRESH = "argocd.argoproj.io/refresh";
const LABEL = "lockstep.dev/bench-peer-app";

function application(app: PeerApp, runId: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${app.name}
  namespace: ${ARGOCD_NAMESPACE}
  labels: { ${LABEL}: "${runId}" }
spec:
  project: default
  source: { repoURL: "${app.repoUrl}", targetRevision: main, path: ${app.path} }
  destination: { server: https://kubernetes.default.svc, namespace: ${app.namespace} }
  syncPolicy: { automated: { prune: false, selfHeal: false } }
`;
}

interface ApplicationJson {
  metadata: { name: string; annotations?: Record<string, string> };
  status?: { sync?: { status?: string; revision?: string } };
}

/** A driver of a started Argo CD. */
export function argoCdDriver(runtime: PeerRuntime, k: PeerKubectl, runId: string): PeerDriver {
  const selector = `${LABEL}=${runId}`;
  const get = async (args: string[]) => JSON.parse(await kubectl(k, ["get", "applications.argoproj.io", "-n", ARGOCD_NAMESPACE, "-o", "json", ...args])) as unknown;
  return {
    runtime,
    refreshMethod: `the ${REFRESH}: normal annotation on each affected Application (what Argo CD's webhook handler writes; its API server is not run)`,
    reportsDrift: true,
    async createApps(apps) {
      await kubectl(k, ["apply", "--server-side", "-f", "-"], apps.map((app) => application(app, runId)).join("---\n"));
    },
    async states() {
      const list = (await get(["-l", selector])) as { items: ApplicationJson[] };
      return new Map(
        list.items.map((item): [string, PeerAppState] => [
          item.metadata.name,
          { revision: item.status?.sync?.revision ?? null, synced: item.status?.sync?.status === "Synced", refreshed: item.metadata.annotations?.[REFRESH] === undefined },
        ]),
      );
    },
    async refresh(names) {
      if (names.length === 0) return;
      await kubectl(k, ["annotate", "--overwrite", "-n", ARGOCD_NAMESPACE, ...names.map((n) => `applications.argoproj.io/${n}`), `${REFRESH}=normal`]);
    },
    async isOutOfSync(name) {
      const app = (await get([name])) as ApplicationJson;
      return app.status?.sync?.status === "OutOfSync";
    },
    async deleteApps() {
      await kubectl(k, ["delete", "applications.argoproj.io", "-n", ARGOCD_NAMESPACE, "-l", selector, "--wait=true", "--timeout=300s"]);
    },
  };
}
