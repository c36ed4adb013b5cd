import Link from "next/link";
import { requireUser } from "@/app/_auth/session";
import { ProjectCreateForm } from "@/components/projects/project-create-form";
import { Time } from "@/components/ui/time";
import { getEngine } from "@/lib/engine/current";
import { createProjectAction } from "./actions";

export const dynamic = "force-dynamic";

/** Projects, for admins: each with its app count and what it allows at a glance, and a form to create one. */
export default async function ProjectsPage() {
  await requireUser("admin");
  const projects = await getEngine().projects.list();
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Projects</h1>
      <p className="mb-4 text-sm text-slate-600">
        Every app belongs to one project, which says which repositories it may render from, where it may deploy, which kinds it may create, who may act on
        it and when it may sync. A new project allows nothing until you add source repositories and destinations on its page.
      </p>
      <div className="mb-6">
        <ProjectCreateForm action={createProjectAction} />
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-2">Name</th>
              <th className="px-4 py-2">Description</th>
              <th className="px-4 py-2">Apps</th>
              <th className="px-4 py-2">Sources</th>
              <th className="px-4 py-2">Destinations</th>
              <th className="px-4 py-2">Roles</th>
              <th className="px-4 py-2">Sync windows</th>
              <th className="px-4 py-2">Updated</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {projects.map((p) => (
              <tr key={p.name} data-testid={`project-row-${p.name}`}>
                <td className="px-4 py-2 font-medium">
                  <Link href={`/projects/${p.name}`} className="text-indigo-700 hover:underline">
                    {p.name}
                  </Link>
                </td>
                <td className="px-4 py-2 text-slate-600">{p.description || "—"}</td>
                <td className="px-4 py-2" data-testid="project-app-count">
                  <Link href={`/?${new URLSearchParams({ project: p.name })}`} className="hover:underline">
                    {p.appCount}
                  </Link>
                </td>
                <td className="px-4 py-2 font-mono text-xs">{p.sourceRepos.join(", ") || "—"}</td>
                <td className="px-4 py-2 font-mono text-xs">
                  {[...p.destinations.map((d) => `${d.deny ? "!" : ""}${d.cluster}/${d.namespace}`), ...(p.appNamespace ? ["the app's namespace"] : [])].join(", ") || "—"}
                </td>
                <td className="px-4 py-2">{p.roles.length}</td>
                <td className="px-4 py-2">{p.syncWindows.length}</td>
                <td className="px-4 py-2 text-xs text-slate-500">
                  <Time value={p.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
