import Link from "next/link";
import { notFound } from "next/navigation";
import { ExternalLink } from "@/components/ui/external-link";
import { AppActions } from "@/components/apps/app-actions";
import { KubeEvents } from "@/components/apps/kube-events";
import { RollbackBanner } from "@/components/apps/rollback-banner";
import { SyncWindowBanner } from "@/components/apps/sync-window-notice";
import { SideBySideDiff, UnifiedDiff } from "@/components/diff/unified-diff";
import { FieldChanges } from "@/components/drift/field-changes";
import { HistoryTable } from "@/components/history/history-table";
import { OperationProgress } from "@/components/history/operation-progress";
import { LiveUpdates } from "@/components/live/live-updates";
import { GraphNavigation } from "@/components/tree/graph-navigation";
import { ResourceDetailPanel } from "@/components/tree/resource-detail";
import { ResourceGraph } from "@/components/tree/resource-graph";
import type { GraphApp } from "@/components/tree/resource-graph-model";
import { ResourceTree } from "@/components/tree/resource-tree";
import { HealthBadge, SyncBadge } from "@/components/ui/badges";
import { HealthIcon } from "@/components/ui/health-icon";
import { Time } from "@/components/ui/time";
import { formatFieldPath } from "@/lib/diff";
import { getEngine } from "@/lib/engine/instance";
import type { ResourceDetail, TreeNode } from "@/lib/engine/resource-tree";
import type { ResourceStatusRow } from "@/lib/engine/status-rows";
import { isErrorOfKind } from "@/lib/errors";
import type { SyncWindowVerdict } from "@/lib/projects/sync-windows";
import { syncWindowNotice } from "@/lib/projects/window-notice";
import { currentUser, requireUser } from "@/app/_auth/session";

export const dynamic = "force-dynamic";

const TABS = ["resources", "tree", "diff", "history"] as const;
type Tab = (typeof TABS)[number];

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function ApplicationPage({ params, searchParams }: Props) {
  const { name } = await params;
  await requireUser("viewer", name);
  const query = await searchParams;
  const tab: Tab = TABS.includes(query.tab as Tab) ? (query.tab as Tab) : "resources";
  const engine = getEngine();
  const app = await engine.apps.get(name).catch((error) => {
    if (isErrorOfKind(error, "not-found")) notFound();
    throw error;
  });
  const [resources, runningOperation, verdict, user, destination] = await Promise.all([
    engine.apps.statusResources(name),
    engine.operations.current(name),
    engine.apps.syncWindow(name).catch((): SyncWindowVerdict => ({ open: true })),
    currentUser(),
    app.destCluster === "local" ? undefined : engine.clusters.get(app.destCluster).catch(() => undefined),
  ]);
  const running = runningOperation !== undefined;
  const isAdmin = user?.role === "admin";
  const windowNotice = syncWindowNotice(verdict, new Date());

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-start gap-4">
        <div className="mr-auto">
          <p className="text-sm text-slate-500">
            <Link href="/" className="hover:underline">
              Applications
            </Link>{" "}
            /
          </p>
          <h1 className="text-2xl font-semibold">{app.name}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
            <SyncBadge status={app.status.syncStatus} />
            <HealthBadge status={app.status.healthStatus} />
            <span className="text-slate-600">
              {app.destCluster}/{app.destNamespace}
              {destination && (
                <span
                  data-testid="destination-connection"
                  className={`ml-1 ${destination.connection.status === "connected" ? "text-emerald-700" : destination.connection.status === "unreachable" ? "text-rose-700" : "text-slate-500"}`}
                  title={destination.connection.reason ?? destination.connection.version ?? "not probed yet"}
                >
                  ● {destination.connection.status === "connected" ? destination.connection.version : destination.connection.status}
                </span>
              )}
            </span>
            <span className="text-slate-600" data-testid="app-project">
              Project{" "}
              <Link href={isAdmin ? `/projects/${app.project}` : `/?${new URLSearchParams({ project: app.project })}`} className="font-medium text-indigo-700 hover:underline">
                {app.project}
              </Link>
            </span>
            <span className="font-mono text-xs text-slate-500">
              <ExternalLink href={app.repoUrl} /> @ {app.targetRevision} : {app.path}
            </span>
            {(app.status.sourceType ?? app.source?.type) && (
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700" data-testid="source-type" title="How the path is rendered">
                {app.status.sourceType ?? app.source?.type}
              </span>
            )}
          </div>
          {app.status.revision && (
            <p className="mt-1 text-sm text-slate-700" data-testid="revision">
              <code className="text-xs">{app.status.revision.slice(0, 7)}</code> {app.status.revisionSubject} — {app.status.revisionAuthor},{" "}
              <Time value={app.status.revisionDate} />
            </p>
          )}
          <p className="mt-1 flex items-center gap-3 text-xs text-slate-500">
            <span>
              Compared <Time value={app.status.reconciledAt} />
            </span>
            <LiveUpdates url={`/api/apps/${app.name}/events`} />
          </p>
        </div>
        <AppActions
          name={app.name}
          prune={app.prune}
          running={running}
          resources={resources.map((r) => ({ subject: r.subject, status: r.status, state: r.state }))}
          closedWindow={windowNotice?.kind === "closed" ? { reason: windowNotice.reason, manualSync: windowNotice.manualSync } : undefined}
          isAdmin={isAdmin}
        />
      </div>

      {(app.rolledBackTo || app.autoSyncPaused) && (
        <RollbackBanner name={app.name} rolledBackTo={app.rolledBackTo} gitRevision={app.status.revision} autoSyncPaused={app.autoSyncPaused} automated={app.automated} />
      )}
      {runningOperation && <OperationProgress name={app.name} operation={runningOperation} />}

      {app.status.conditions.map((c, i) => (
        <div key={i} className="mb-3 rounded-md border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-900" role="alert" data-testid="condition">
          <span className="font-semibold">{c.type}</span>: <span className="whitespace-pre-wrap">{c.message}</span>
        </div>
      ))}

      {windowNotice && <SyncWindowBanner notice={windowNotice} />}
      <SelfHealNotice name={app.name} />

      <nav className="mb-4 flex gap-4 border-b border-slate-200 text-sm">
        {TABS.map((t) => (
          <Link key={t} href={`/apps/${app.name}?tab=${t}`} className={`-mb-px border-b-2 px-1 pb-2 capitalize ${t === tab ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600"}`}>
            {t}
          </Link>
        ))}
      </nav>

      {tab === "resources" && <ResourcesTab rows={resources} />}
      {tab === "tree" && (
        <TreeTab app={{ name: app.name, health: app.status.healthStatus, sync: app.status.syncStatus }} node={query.node} view={query.view === "graph" ? "graph" : "list"} />
      )}
      {(tab === "resources" || tab === "tree") && <EventsPanel name={app.name} />}
      {tab === "diff" && <DiffTab name={app.name} view={query.view === "split" ? "split" : "unified"} />}
      {tab === "history" && <HistoryTab name={app.name} prune={app.prune} running={running} />}
    </div>
  );
}

function ResourcesTab({ rows }: { rows: ResourceStatusRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No resources: the app renders nothing, or it could not be compared.</p>;
  return (
    <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
      <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
        <tr>
          <th className="px-4 py-2">Kind</th>
          <th className="px-4 py-2">Namespace</th>
          <th className="px-4 py-2">Name</th>
          <th className="px-4 py-2">Status</th>
          <th className="px-4 py-2">Health</th>
          <th className="px-4 py-2">Changed fields</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.subject} data-testid={`resource-${r.kind}-${r.name}`}>
            <td className="px-4 py-2">{r.kind}</td>
            <td className="px-4 py-2">{r.namespace || "—"}</td>
            <td className="px-4 py-2 font-mono text-xs">{r.name}</td>
            <td className="px-4 py-2">
              <SyncBadge status={r.status} /> <span className="text-xs text-slate-500">{r.refusal ? "refused" : r.state}</span>
            </td>
            <td className="px-4 py-2 text-xs" data-testid="resource-health">
              {r.health ? (
                <span className="inline-flex items-center gap-1">
                  <HealthIcon status={r.health} message={r.healthMessage} /> {r.health}
                  {r.healthMessage && r.health !== "Healthy" && <span className="text-slate-500">— {r.healthMessage}</span>}
                </span>
              ) : (
                "—"
              )}
            </td>
            <td className="px-4 py-2 font-mono text-xs text-slate-600">
              {r.refusal && (
                <span className="block font-sans text-rose-700" data-testid="resource-refusal">
                  {r.refusal.message}
                </span>
              )}
              {r.message ?? (r.changes ? <FieldChanges changes={r.changes} /> : r.changedPaths.join(", "))}
              {r.driftSince && (
                <span className="mt-0.5 block font-sans text-slate-500">
                  out of sync since <Time value={r.driftSince} />
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

async function DiffTab({ name, view }: { name: string; view: "unified" | "split" }) {
  const comparison = await getEngine().apps.comparison(name);
  const changed = comparison.resources.filter((r) => r.status !== "Synced");
  return (
    <div className="space-y-4">
      <div className="flex gap-3 text-sm">
        <Link href={`/apps/${name}?tab=diff&view=unified`} className={view === "unified" ? "font-semibold" : "text-indigo-700"}>
          Unified
        </Link>
        <Link href={`/apps/${name}?tab=diff&view=split`} className={view === "split" ? "font-semibold" : "text-indigo-700"}>
          Side by side
        </Link>
      </div>
      {changed.length === 0 && <p className="text-sm text-slate-500">Git and the cluster agree.</p>}
      {changed.map((r) => (
        <section key={r.subject} data-testid="diff-resource">
          <h3 className="mb-1 font-mono text-sm">
            {r.subject} <span className="text-slate-500">({r.refusal ? "refused" : r.state})</span>
          </h3>
          {r.refusal && (
            <p className="mb-1 text-xs text-rose-700" data-testid="diff-refusal">
              {r.refusal.message}
            </p>
          )}
          {r.driftSince && (
            <p className="mb-1 text-xs text-slate-600" data-testid="drift-since">
              Out of sync since <Time value={r.driftSince} />
            </p>
          )}
          {r.changes && r.changes.length > 0 ? (
            <div className="mb-1">
              <FieldChanges changes={r.changes} />
            </div>
          ) : (
            r.changedFields.length > 0 && <p className="mb-1 text-xs text-slate-600">Changed: {r.changedFields.map(formatFieldPath).join(", ")}</p>
          )}
          {view === "split" ? <SideBySideDiff text={r.diff} /> : <UnifiedDiff text={r.diff} />}
        </section>
      ))}
    </div>
  );
}

async function HistoryTab({ name, prune, running }: { name: string; prune: boolean; running: boolean }) {
  const engine = getEngine();
  const [operations, withManifests] = await Promise.all([engine.operations.list(name), engine.operations.idsWithManifests(name)]);
  return <HistoryTable name={name} operations={operations} withManifests={[...withManifests]} prune={prune} running={running} />;
}

/** The Tree tab's two views of one tree: the expandable list and the left-to-right graph. */
function TreeViewToggle({ name, view, node }: { name: string; view: "list" | "graph"; node?: string }) {
  const href = (to: "list" | "graph") => `/apps/${name}?${new URLSearchParams({ tab: "tree", ...(to === "graph" ? { view: "graph" } : {}), ...(node ? { node } : {}) })}`;
  return (
    <div className="mb-3 inline-flex overflow-hidden rounded-md border border-slate-300 text-sm" role="group" aria-label="Tree view">
      {(["list", "graph"] as const).map((to) => (
        <Link
          key={to}
          href={href(to)}
          scroll={false}
          aria-current={to === view ? "true" : undefined}
          data-testid={`tree-view-${to}`}
          className={`px-3 py-1 capitalize ${to === view ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
        >
          {to === "list" ? "Tree" : "Graph"}
        </Link>
      ))}
    </div>
  );
}

async function TreeTab({ app, node, view }: { app: GraphApp; node?: string; view: "list" | "graph" }) {
  const { name } = app;
  const engine = getEngine();
  let nodes: TreeNode[];
  let detail: ResourceDetail | undefined;
  try {
    [nodes, detail] = await Promise.all([engine.apps.tree(name), node ? engine.apps.resourceDetail(name, node) : Promise.resolve(undefined)]);
  } catch (error) {
    return <p className="text-sm text-rose-700">The resource tree is not available: {error instanceof Error ? error.message : String(error)}</p>;
  }
  const isGraph = view === "graph" && nodes.length > 0;
  return (
    <div className="mb-6">
      <TreeViewToggle name={name} view={view} node={node} />
      <div className={isGraph ? "grid gap-6" : "grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]"}>
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          {isGraph ? (
            <GraphNavigation>
              <ResourceGraph app={app} nodes={nodes} selected={detail?.node.id} />
            </GraphNavigation>
          ) : (
            <ResourceTree nodes={nodes} appName={name} selected={detail?.node.id} />
          )}
        </div>
        <div>
          {detail ? (
            <ResourceDetailPanel detail={detail} />
          ) : (
            <p className="text-sm text-slate-500">{node ? "That resource is no longer in the tree." : "Click a resource to see its live manifest, its diff against Git and its events."}</p>
          )}
        </div>
      </div>
    </div>
  );
}

async function EventsPanel({ name }: { name: string }) {
  const events = await getEngine().apps.events(name).catch(() => []);
  return (
    <section className="mt-6" aria-label="Kubernetes events">
      <h2 className="mb-2 text-sm font-semibold text-slate-700">Kubernetes events</h2>
      <KubeEvents events={events.slice(0, 20)} empty="No events for this app's resources." />
    </section>
  );
}

function SelfHealNotice({ name }: { name: string }) {
  const status = getEngine().apps.selfHealStatus(name);
  if (!status?.backingOff) return null;
  return (
    <div className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" role="status" data-testid="self-heal-backoff">
      <span className="font-semibold">Self-heal is backing off</span> after {status.attempts} heal{status.attempts === 1 ? "" : "s"} in a row: {status.reason} Next attempt at{" "}
      <Time value={status.nextAttemptAt} />.
    </div>
  );
}
