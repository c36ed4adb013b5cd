import Link from "next/link";
import { notFound } from "next/navigation";
import { stringify } from "yaml";
import { requireUser } from "@/app/_auth/session";
import { generatorSummary } from "@/components/appsets/generator-summary";
import { HealthBadge, SyncBadge } from "@/components/ui/badges";
import { Time } from "@/components/ui/time";
import { authorize } from "@/lib/auth/authorize";
import { getEngine } from "@/lib/engine/current";
import { isErrorOfKind } from "@/lib/errors";

export const dynamic = "force-dynamic";

const STEP_STYLES = { Done: "bg-emerald-100 text-emerald-800", Progressing: "bg-sky-100 text-sky-800", Waiting: "bg-slate-100 text-slate-700" } as const;
const ACTION_STYLES = { create: "text-emerald-700", update: "text-amber-700", delete: "text-rose-700", unchanged: "text-slate-500", conflict: "text-rose-700" } as const;

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mb-6">
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** One app set: its generator and template, its generated apps with their status, the preview of the branch head and the rollout's steps. */
export default async function AppSetPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const user = await requireUser("viewer");
  const engine = getEngine();
  const set = await engine.appSets.get(name).catch((error: unknown) => {
    if (isErrorOfKind(error, "not-found")) notFound();
    throw error;
  });
  if (!authorize(user, { permission: "viewer", project: set.project }).allowed) notFound();
  const [apps, preview, rollout] = await Promise.all([
    engine.appSets.apps(name),
    engine.appSets.preview(name).then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error: error instanceof Error ? error.message : String(error) }),
    ),
    engine.appSets.rollout(name),
  ]);
  const pending = preview.value?.changes.filter((c) => c.action !== "unchanged") ?? [];

  return (
    <div>
      <p className="text-sm text-slate-500">
        <Link href="/appsets" className="hover:underline">
          App sets
        </Link>{" "}
        /
      </p>
      <h1 className="text-2xl font-semibold">{set.name}</h1>
      <p className="mt-2 flex flex-wrap gap-4 text-sm text-slate-600">
        <span>Project {set.project}</span>
        <span className="font-mono text-xs">
          {set.spec.repoUrl} @ {set.spec.revision}
        </span>
        <span>Policy {set.spec.policy}</span>
        <span>
          Generated <Time value={set.status.reconciledAt} /> at <code className="text-xs">{set.status.commit?.slice(0, 7) ?? "—"}</code>
        </span>
      </p>
      {set.status.error && (
        <div className="mt-3 rounded-md border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-900" role="alert" data-testid="appset-error">
          {set.status.error}
        </div>
      )}
      {set.status.conflicts.map((message) => (
        <div key={message} className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" role="status">
          {message}
        </div>
      ))}
      {set.status.kept.length > 0 && (
        <p className="mt-3 text-sm text-slate-600">
          Kept by the policy although the generator no longer gives them: {set.status.kept.join(", ")}.
        </p>
      )}

      <div className="mt-6" />
      <Section title="Generator">
        <p className="mb-2 font-mono text-sm" data-testid="appset-generator">
          {generatorSummary(set.spec.generator)}
        </p>
        <pre className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3 text-xs">{stringify({ generator: set.spec.generator, template: set.spec.template })}</pre>
      </Section>

      <Section title={`Apps (${apps.length})`}>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2">Name</th>
                <th className="px-4 py-2">Sync</th>
                <th className="px-4 py-2">Health</th>
                <th className="px-4 py-2">Destination</th>
                <th className="px-4 py-2">Path</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {apps.map((app) => (
                <tr key={app.name} data-testid={`appset-app-${app.name}`}>
                  <td className="px-4 py-2 font-medium">
                    <Link href={`/apps/${app.name}`} className="text-indigo-700 hover:underline">
                      {app.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    <SyncBadge status={app.status.syncStatus} />
                  </td>
                  <td className="px-4 py-2">
                    <HealthBadge status={app.status.healthStatus} />
                  </td>
                  <td className="px-4 py-2">
                    {app.destCluster}/{app.destNamespace}
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{app.path}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section title="Preview of the branch head">
        {preview.error ? (
          <p className="text-sm text-rose-700" data-testid="appset-preview-error">
            {preview.error}
          </p>
        ) : pending.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="appset-preview">
            Nothing to change at <code className="text-xs">{preview.value?.commit?.slice(0, 7) ?? "the set's values"}</code>.
          </p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="appset-preview">
            {pending.map((change) => (
              <li key={change.name}>
                <span className={`font-medium ${ACTION_STYLES[change.action]}`}>{change.action}</span> {change.name}
                {change.action === "update" && <span className="text-slate-600"> — {change.changes.map((c) => `${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`).join(", ")}</span>}
                {(change.action === "update" || change.action === "delete") && !change.allowed && <span className="text-slate-500"> (held back by the policy)</span>}
                {change.action === "conflict" && <span className="text-slate-600"> — {change.message}</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {rollout && (
        <Section title="Progressive rollout">
          <ol className="space-y-2">
            {rollout.steps.map((step) => (
              <li key={step.index} className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid={`rollout-step-${step.index}`}>
                <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ${STEP_STYLES[step.state]}`}>{step.state}</span>
                Step {step.index + 1}:{" "}
                <code className="text-xs">
                  {Object.entries(step.matchLabels)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(", ")}
                </code>
                <span className="ml-2 text-slate-600">{step.apps.map((a) => a.name).join(", ") || "no app"}</span>
              </li>
            ))}
          </ol>
          {rollout.unmatched.length > 0 && <p className="mt-2 text-sm text-slate-600">In no step (never synced by the rollout): {rollout.unmatched.join(", ")}.</p>}
        </Section>
      )}
    </div>
  );
}
