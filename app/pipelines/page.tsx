import Link from "next/link";
import { requireUser } from "@/app/_auth/session";
import { HealthBadge, SyncBadge } from "@/components/ui/badges";
import { getEngine } from "@/lib/engine/current";

export const dynamic = "force-dynamic";

/** Environment pipelines: each service's stages in order, with their state and what waits for approval. */
export default async function PipelinesPage() {
  const user = await requireUser("viewer");
  const pipelines = await getEngine().pipelines.list(user);
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Pipelines</h1>
      <p className="mb-4 text-sm text-slate-600">
        A pipeline orders a service&apos;s stages (one app each). Promoting a stage commits the images live and healthy in it into the next stage&apos;s overlay;
        stages may need approval or take the previous stage&apos;s images by themselves after a soak time. Admins declare pipelines with{" "}
        <span className="font-mono">POST /api/pipelines</span> (docs/promotion.md).
      </p>
      {pipelines.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="no-pipelines">
          No pipelines yet.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2">Service</th>
                <th className="px-4 py-2">Stages</th>
                <th className="px-4 py-2">Waiting for approval</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {pipelines.map((pipeline) => (
                <tr key={pipeline.service} data-testid={`pipeline-row-${pipeline.service}`}>
                  <td className="px-4 py-2 font-medium">
                    <Link href={`/pipelines/${pipeline.service}`} className="text-indigo-700 hover:underline">
                      {pipeline.service}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <ol className="flex flex-wrap items-center gap-3">
                      {pipeline.stages.map((stage, index) => (
                        <li key={stage.name} className="flex items-center gap-1">
                          {index > 0 && <span className="text-slate-400">→</span>}
                          <span className="font-medium">{stage.name}</span>
                          <SyncBadge status={stage.syncStatus} />
                          <HealthBadge status={stage.healthStatus} />
                          <span className="font-mono text-xs text-slate-500">{stage.images.map((image) => image.tag ?? image.digest?.slice(0, 19) ?? image.reference).join(", ")}</span>
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td className="px-4 py-2">{pipeline.pending.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
