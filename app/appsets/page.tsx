import Link from "next/link";
import { requireUser } from "@/app/_auth/session";
import { generatorSummary } from "@/components/appsets/generator-summary";
import { Time } from "@/components/ui/time";
import { visibleProjects } from "@/lib/auth/visibility";
import { getEngine } from "@/lib/engine/current";

export const dynamic = "force-dynamic";

/** App sets the user may see: each with its generator, its apps and how its last generation went. */
export default async function AppSetsPage() {
  const user = await requireUser("viewer");
  const sets = await getEngine().appSets.list(visibleProjects(user));
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">App sets</h1>
      <p className="mb-4 text-sm text-slate-600">
        An app set generates apps from a config repository&apos;s layout — a directory per service and environment, files of values, a list or the known clusters —
        and keeps them as the repository moves. Sets are created through the API (<code>POST /api/appsets</code>); docs/appsets.md shows how.
      </p>
      {sets.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600" data-testid="no-appsets">
          No app sets yet.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2">Name</th>
                <th className="px-4 py-2">Project</th>
                <th className="px-4 py-2">Generator</th>
                <th className="px-4 py-2">Apps</th>
                <th className="px-4 py-2">Policy</th>
                <th className="px-4 py-2">Commit</th>
                <th className="px-4 py-2">Generated</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {sets.map((set) => (
                <tr key={set.name} data-testid={`appset-row-${set.name}`}>
                  <td className="px-4 py-2 font-medium">
                    <Link href={`/appsets/${set.name}`} className="text-indigo-700 hover:underline">
                      {set.name}
                    </Link>
                    {set.status.error && (
                      <span className="ml-2 rounded bg-rose-100 px-1.5 py-0.5 text-xs text-rose-800" title={set.status.error}>
                        error
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-2">{set.project}</td>
                  <td className="px-4 py-2 font-mono text-xs">{generatorSummary(set.spec.generator)}</td>
                  <td className="px-4 py-2" data-testid="appset-app-count">
                    {set.status.apps.length}
                  </td>
                  <td className="px-4 py-2">{set.spec.policy}</td>
                  <td className="px-4 py-2 font-mono text-xs">{set.status.commit?.slice(0, 7) ?? "—"}</td>
                  <td className="px-4 py-2 text-xs text-slate-500"><Time value={set.status.reconciledAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
