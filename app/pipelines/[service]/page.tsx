import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_auth/session";
import { UnifiedDiff } from "@/components/diff/unified-diff";
import { ActionButton } from "@/components/pipelines/action-button";
import { StageCard } from "@/components/pipelines/stage-card";
import { Time } from "@/components/ui/time";
import type { Principal } from "@/lib/auth/principal";
import type { PipelineView, PromotionPreview, PromotionRecord } from "@/lib/engine/facade";
import { getEngine } from "@/lib/engine/current";
import { isDomainError, isErrorOfKind } from "@/lib/errors";
import { approvalRefusal } from "@/lib/promotion/gates";
import { approvePromotionAction, promoteAction } from "../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ service: string }> };

type PreviewResult = { from: string; to: string; preview?: PromotionPreview; error?: string };

const STATE_STYLES: Record<PromotionRecord["state"], string> = {
  pending: "bg-amber-100 text-amber-900",
  approved: "bg-sky-100 text-sky-800",
  committed: "bg-emerald-100 text-emerald-800",
  failed: "bg-rose-100 text-rose-800",
};

async function previews(view: PipelineView, user: Principal): Promise<PreviewResult[]> {
  const engine = getEngine();
  return Promise.all(
    view.stages.slice(0, -1).map(async (stage, index) => {
      const to = view.stages[index + 1]!.name;
      try {
        return { from: stage.name, to, preview: await engine.pipelines.preview(view.service, stage.name, user) };
      } catch (error) {
        return { from: stage.name, to, error: isDomainError(error) ? error.message : "The preview could not be computed; the server log has the details." };
      }
    }),
  );
}

function mayApprove(user: Principal, view: PipelineView, promotion: PromotionRecord): boolean {
  const stage = view.stages.find((s) => s.name === promotion.toStage);
  if (!stage?.approval || !stage.project) return false;
  return approvalRefusal(user, stage.approval, { app: stage.app, project: stage.project }) === undefined;
}

/** One service's pipeline: what runs in each stage, what waits to be promoted (with the diff to be committed), and the promotion history. */
export default async function PipelinePage({ params }: Props) {
  const user = await requireUser("viewer");
  const { service } = await params;
  const engine = getEngine();
  const view = await engine.pipelines.get(service, user).catch((error) => {
    if (isErrorOfKind(error, "not-found")) notFound();
    throw error;
  });
  const [waiting, history] = await Promise.all([previews(view, user), engine.pipelines.promotions(service, user, 50)]);

  return (
    <div className="space-y-8">
      <div>
        <Link href="/pipelines" className="text-sm text-indigo-700 hover:underline">
          Pipelines
        </Link>
        <h1 className="text-2xl font-semibold">{service}</h1>
      </div>

      <section className="flex flex-wrap items-stretch gap-3" aria-label="Stages">
        {view.stages.map((stage) => (
          <StageCard key={stage.name} stage={stage} />
        ))}
      </section>

      <section aria-label="Waiting to be promoted">
        <h2 className="mb-3 text-lg font-semibold">Waiting to be promoted</h2>
        <div className="space-y-4">
          {waiting.map((item) => (
            <div key={item.from} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`promotion-${item.from}-${item.to}`}>
              <h3 className="mb-2 font-medium">
                {item.from} → {item.to}
              </h3>
              {item.error && <p className="text-sm text-rose-700">{item.error}</p>}
              {item.preview && item.preview.diff === "" && <p className="text-sm text-slate-600">{item.to} already has what {item.from} runs; nothing to promote.</p>}
              {item.preview && item.preview.diff !== "" && (
                <div className="space-y-2">
                  <ul className="text-sm">
                    {item.preview.images.map((image) => (
                      <li key={image.name} className="font-mono text-xs">
                        {image.name}: {image.from} → {image.to}
                      </li>
                    ))}
                  </ul>
                  <UnifiedDiff text={item.preview.diff} />
                  {item.preview.blocked ? (
                    <p className="text-sm text-amber-800">{item.preview.blocked}</p>
                  ) : (
                    <ActionButton label={item.preview.approval ? "Request promotion" : "Promote"} action={promoteAction.bind(null, service, item.from)} testId={`promote-${item.from}`} />
                  )}
                  {item.preview.approval && <p className="text-xs text-slate-500">{item.to} needs approval by the {item.preview.approval.role} role.</p>}
                </div>
              )}
            </div>
          ))}
        </div>
      </section>

      {view.pending.length > 0 && (
        <section aria-label="Waiting for approval">
          <h2 className="mb-3 text-lg font-semibold">Waiting for approval</h2>
          <div className="space-y-4">
            {view.pending.map((promotion) => (
              <div key={promotion.id} className="rounded-lg border border-amber-200 bg-white p-4" data-testid={`pending-${promotion.id}`}>
                <p className="mb-2 text-sm">
                  {promotion.fromStage} → {promotion.toStage}, asked by {promotion.requestedBy} <Time value={promotion.createdAt} />
                </p>
                <UnifiedDiff text={promotion.diff} />
                {mayApprove(user, view, promotion) ? (
                  <ActionButton label="Approve" tone="approve" action={approvePromotionAction.bind(null, service, promotion.id)} testId={`approve-${promotion.id}`} />
                ) : (
                  <p className="text-xs text-slate-500">You do not hold the role that approves it.</p>
                )}
              </div>
            ))}
          </div>
        </section>
      )}

      <section aria-label="Promotion history">
        <h2 className="mb-3 text-lg font-semibold">History</h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2">When</th>
                <th className="px-4 py-2">From → to</th>
                <th className="px-4 py-2">Images</th>
                <th className="px-4 py-2">State</th>
                <th className="px-4 py-2">Asked by</th>
                <th className="px-4 py-2">Approved by</th>
                <th className="px-4 py-2">Commit</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {history.length === 0 && (
                <tr>
                  <td colSpan={7} className="px-4 py-2 text-slate-500">
                    No promotions yet.
                  </td>
                </tr>
              )}
              {history.map((promotion) => (
                <tr key={promotion.id} data-testid={`history-${promotion.id}`}>
                  <td className="px-4 py-2 text-xs text-slate-500">
                    <Time value={promotion.createdAt} />
                  </td>
                  <td className="px-4 py-2">
                    {promotion.fromStage} → {promotion.toStage}
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{promotion.images.map((image) => image.to).join(", ")}</td>
                  <td className="px-4 py-2">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATE_STYLES[promotion.state]}`} title={promotion.error ?? undefined}>
                      {promotion.state}
                    </span>
                  </td>
                  <td className="px-4 py-2">{promotion.requestedBy}</td>
                  <td className="px-4 py-2">{promotion.approvedBy ?? "—"}</td>
                  <td className="px-4 py-2 font-mono text-xs">{promotion.commit?.slice(0, 7) ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
