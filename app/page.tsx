import Link from "next/link";
import { AppListKeyboard } from "@/components/apps/app-list-keyboard";
import { AppTable } from "@/components/apps/app-table";
import { ClusterPanel } from "@/components/apps/cluster-panel";
import { RefreshAllButton } from "@/components/apps/refresh-all";
import { LiveUpdates } from "@/components/live/live-updates";
import { requireUser } from "@/app/_auth/session";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { visibleProjects } from "@/lib/auth/visibility";
import { getEngine } from "@/lib/engine/current";
import { SYNC_STATUSES, type SyncStatus } from "@/lib/types";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The search box's id, which the "/" shortcut focuses. */
const SEARCH_ID = "app-search";

/** Whether `user` may refresh some app: a deployer or admin globally, or in one of its projects. */
function mayRefreshSome(user: Principal): boolean {
  const projects = [...(user.projects ?? []), ...Object.keys(user.projectRoles ?? {})];
  if (projects.length === 0) return authorize(user, { permission: "deployer" }).allowed;
  return projects.some((project) => authorize(user, { permission: "deployer", project }).allowed);
}

export default async function ApplicationsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser("viewer");
  const projects = visibleProjects(user);
  const mayRefresh = mayRefreshSome(user);
  const params = await searchParams;
  const search = one(params.q) ?? "";
  const sync = one(params.sync);
  const syncStatus = SYNC_STATUSES.includes(sync as SyncStatus) ? (sync as SyncStatus) : undefined;
  const project = one(params.project)?.slice(0, 63) || undefined;
  const page = Number(one(params.page) ?? 1) || 1;
  const engine = getEngine();
  const [cluster, list, projectList] = await Promise.all([
    engine.clusterInfo("local"),
    engine.apps.list({ search, syncStatus, project, ...(projects ? { projects } : {}), page, pageSize: 50 }),
    engine.projects.list(),
  ]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const filters = { ...(search ? { q: search } : {}), ...(syncStatus ? { sync: syncStatus } : {}), ...(project ? { project } : {}) };
  const link = (p: number) => `/?${new URLSearchParams({ ...filters, page: String(p) })}`;

  return (
    <div>
      <ClusterPanel info={cluster} />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <h1 className="text-2xl font-semibold">Applications</h1>
        <span className="mr-auto self-center">
          <LiveUpdates url="/api/events" />
        </span>
        <form className="flex gap-2" action="/">
          <input id={SEARCH_ID} name="q" defaultValue={search} placeholder="Search name, repo, namespace" aria-label="Search" className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          <select name="sync" defaultValue={syncStatus ?? ""} aria-label="Sync status" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="">All statuses</option>
            {SYNC_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <select name="project" defaultValue={project ?? ""} aria-label="Project" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="">All projects</option>
            {projectList.filter((p) => !projects || projects.includes(p.name)).map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
          <button className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">Filter</button>
        </form>
        {mayRefresh && <RefreshAllButton project={project} />}
      </div>
      {list.total === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
          {search || syncStatus || project ? "No application matches this filter." : "No applications yet."}{" "}
          <Link href="/apps/new" className="text-indigo-700 hover:underline">
            Create one
          </Link>
          .
        </div>
      ) : (
        <>
          <AppListKeyboard searchId={SEARCH_ID} mayRefresh={mayRefresh}>
            <AppTable rows={list.rows} />
          </AppListKeyboard>
          <div className="mt-3 flex items-center justify-between text-sm text-slate-600">
            <span>
              {list.total} application{list.total === 1 ? "" : "s"} · page {list.page} of {pages}
            </span>
            <span className="flex gap-3">
              {list.page > 1 && <Link href={link(list.page - 1)}>← Previous</Link>}
              {list.page < pages && <Link href={link(list.page + 1)}>Next →</Link>}
            </span>
          </div>
        </>
      )}
    </div>
  );
}
