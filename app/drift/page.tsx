import Link from "next/link";
import { DriftTable } from "@/components/drift/drift-table";
import { LiveUpdates } from "@/components/live/live-updates";
import { getEngine } from "@/lib/engine/current";
import { appVisibilityFor } from "../_auth/app-project";
import { requireUser } from "../_auth/session";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function one(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first ? first.slice(0, 63) : undefined;
}

/** Drift across all apps, for team leads: what is out of sync, since when, and who changed it. */
export default async function DriftPage({ searchParams }: { searchParams: SearchParams }) {
  const principal = await requireUser("viewer");
  const params = await searchParams;
  const app = one(params.app);
  const project = one(params.project);
  const namespace = one(params.namespace);
  const engine = getEngine();
  const report = await engine.drift({ app, project, namespace, canSee: await appVisibilityFor(engine, principal) });
  const exportQuery = new URLSearchParams({ ...(app ? { app } : {}), ...(project ? { project } : {}), ...(namespace ? { namespace } : {}) });

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <h1 className="text-2xl font-semibold">Drift</h1>
        <span className="mr-auto self-center">
          <LiveUpdates url="/api/events" />
        </span>
        <form className="flex gap-2" action="/drift">
          <select name="app" defaultValue={app ?? ""} aria-label="Application" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="">All applications</option>
            {report.apps.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <select name="project" defaultValue={project ?? ""} aria-label="Project" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="">All projects</option>
            {report.projects.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <select name="namespace" defaultValue={namespace ?? ""} aria-label="Namespace" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="">All namespaces</option>
            {report.namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <button className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">Filter</button>
        </form>
        <span className="flex gap-2 text-sm">
          <a href={`/api/drift?${new URLSearchParams({ ...Object.fromEntries(exportQuery), format: "csv" })}`} className="text-indigo-700 hover:underline" download>
            Export CSV
          </a>
          <a href={`/api/drift?${exportQuery}`} className="text-indigo-700 hover:underline">
            JSON
          </a>
        </span>
      </div>
      <p className="mb-3 text-sm text-slate-600">
        Every resource that differs from Git, oldest drift first, with the changed fields and the field manager that wrote each.{" "}
        {(app || project || namespace) && (
          <Link href="/drift" className="text-indigo-700 hover:underline">
            Clear filters
          </Link>
        )}
      </p>
      <DriftTable entries={report.entries} />
    </div>
  );
}
