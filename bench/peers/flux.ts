/**
 * Flux driven as its users drive it: a `GitRepository` per repository and a `Kustomization`
 * per app (interval 1 minute, `targetNamespace`, no pruning so deleting them leaves nothing to
 * wait for), a refresh asked for by `reconcile.fluxcd.io/requestedAt` (what `flux reconcile`
 * writes) on the sources and the Kustomizations.
 */
import { FLUX_NAMESPACE, kubectl, type PeerKubectl, type PeerRuntime } from "@/tools/peers";
import type { PeerApp, PeerAppState, PeerDriver } from "./driver";

const REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";
const LABEL = "lockstep.dev/bench-peer-app";
const KUSTOMIZATIONS = "kustomizations.kustomize.toolkit.fluxcd.io";
const SOURCES = "gitrepositories.source.toolkit.fluxcd.io";

function gitRepository(name: string, url: string, runId: string): string {
  return `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: { name: ${name}, namespace: ${FLUX_NAMESPACE}, labels: { ${LABEL}: "${runId}" } }
spec: { url: "${url}", interval: 1m, ref: { branch: main } }
`;
}

function kustomization(app: PeerApp, source: string, runId: string): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: ${app.name}, namespace: ${FLUX_NAMESPACE}, labels: { ${LABEL}: "${runId}" } }
spec:
  interval: 1m
  path: ./${app.path}
  prune: false
  targetNamespace: ${app.namespace}
  sourceRef: { kind: GitRepository, name: ${source} }
`;
}

interface KustomizationJson {
  metadata: { name: string; annotations?: Record<string, string> };
  status?: { lastAppliedRevision?: string; lastAttemptedRevision?: string; lastHandledReconcileAt?: string; conditions?: { type: string; status: string }[] };
}

/** `main@sha1:<sha>` → `<sha>`. */
const shaOf = (revision: string | undefined) => revision?.split(":").at(-1) ?? null;

/** A driver of a started Flux. */
export function fluxDriver(runtime: PeerRuntime, k: PeerKubectl, runId: string): PeerDriver {
  const selector = `${LABEL}=${runId}`;
  const sourceOf = new Map<string, string>();
  return {
    runtime,
    refreshMethod: `the ${REQUESTED_AT} annotation on the GitRepository and the affected Kustomizations (what \`flux reconcile --with-source\` writes)`,
    reportsDrift: false,
    async createApps(apps, options = {}) {
      const docs: string[] = [];
      const shared = options.shareSource ? apps[0]?.name : undefined;
      for (const app of apps) {
        const source = shared ?? app.name;
        if (source === app.name) docs.push(gitRepository(source, app.repoUrl, runId));
        sourceOf.set(app.name, source);
        docs.push(kustomization(app, source, runId));
      }
      await kubectl(k, ["apply", "--server-side", "-f", "-"], docs.join("---\n"));
    },
    async states() {
      const list = JSON.parse(await kubectl(k, ["get", KUSTOMIZATIONS, "-n", FLUX_NAMESPACE, "-l", selector, "-o", "json"])) as { items: KustomizationJson[] };
      return new Map(
        list.items.map((item): [string, PeerAppState] => {
          const ready = item.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
          const requested = item.metadata.annotations?.[REQUESTED_AT];
          return [
            item.metadata.name,
            {
              revision: shaOf(item.status?.lastAttemptedRevision),
              synced: ready && item.status?.lastAppliedRevision === item.status?.lastAttemptedRevision,
              refreshed: requested === undefined || item.status?.lastHandledReconcileAt === requested,
            },
          ];
        }),
      );
    },
    async refresh(names) {
      if (names.length === 0) return;
      const at = `${new Date().toISOString()}-${Math.random().toString(36).slice(2, 8)}`;
      const sources = [...new Set(names.map((n) => sourceOf.get(n) ?? n))];
      await kubectl(k, ["annotate", "--overwrite", "-n", FLUX_NAMESPACE, ...sources.map((s) => `${SOURCES}/${s}`), `${REQUESTED_AT}=${at}`]);
      await kubectl(k, ["annotate", "--overwrite", "-n", FLUX_NAMESPACE, ...names.map((n) => `${KUSTOMIZATIONS}/${n}`), `${REQUESTED_AT}=${at}`]);
    },
    async isOutOfSync() {
      return false;
    },
    async deleteApps() {
      for (const kind of [KUSTOMIZATIONS, SOURCES]) {
        await kubectl(k, ["delete", kind, "-n", FLUX_NAMESPACE, "-l", selector, "--wait=true", "--timeout=300s"]);
      }
    },
  };
}
