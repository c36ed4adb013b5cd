import Link from "next/link";
import { HealthBadge, SyncBadge } from "@/components/ui/badges";
import type { StageView } from "@/lib/promotion/status";

/** One stage of a pipeline: its app, sync and health, the commit it runs and the images live in it. */
export function StageCard({ stage }: { stage: StageView }) {
  return (
    <div className="min-w-56 flex-1 rounded-lg border border-slate-200 bg-white p-4" data-testid={`stage-${stage.name}`}>
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{stage.name}</h2>
        {stage.approval && <span className="rounded bg-amber-50 px-2 py-0.5 text-xs text-amber-900 ring-1 ring-amber-200">approval: {stage.approval.role}{stage.approval.scope === "project" ? " (project)" : ""}</span>}
      </div>
      {stage.exists ? (
        <Link href={`/apps/${stage.app}`} className="text-sm text-indigo-700 hover:underline">
          {stage.app}
        </Link>
      ) : (
        <p className="text-sm text-rose-700">App {stage.app} does not exist.</p>
      )}
      <div className="my-2 flex gap-2">
        <SyncBadge status={stage.syncStatus} />
        <HealthBadge status={stage.healthStatus} />
      </div>
      <p className="text-xs text-slate-500">
        commit <span className="font-mono">{stage.revision?.slice(0, 7) ?? "—"}</span>
        {stage.revisionSubject ? ` · ${stage.revisionSubject}` : ""}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        overlay <span className="font-mono">{stage.overlay || "—"}</span>
      </p>
      {stage.autoPromotion && <p className="mt-1 text-xs text-slate-500">promoted automatically after {stage.autoPromotion.soakSeconds} s of soak</p>}
      <ul className="mt-3 space-y-1" data-testid="stage-images">
        {stage.images.length === 0 && <li className="text-xs text-slate-500">No workload images live.</li>}
        {stage.images.map((image) => (
          <li key={image.reference} className="break-all font-mono text-xs" title={image.containers.join(", ")}>
            {image.reference}
          </li>
        ))}
      </ul>
    </div>
  );
}
