import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_auth/session";
import { ProjectDeleteButton } from "@/components/projects/project-delete-button";
import { ProjectEditor } from "@/components/projects/project-editor";
import { Time } from "@/components/ui/time";
import { getEngine } from "@/lib/engine/current";
import { isErrorOfKind } from "@/lib/errors";
import { DEFAULT_PROJECT } from "@/lib/projects/schema";
import { formatProjectText, SPEC_TEXT_FIELD } from "@/lib/projects/spec-text";
import { deleteProjectAction, updateProjectAction } from "../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }> };

/** One project, for admins: its spec as editable YAML, its apps, and deleting it. */
export default async function ProjectPage({ params }: Props) {
  await requireUser("admin");
  const { name } = await params;
  const engine = getEngine();
  const project = await engine.projects.get(name).catch((error) => {
    if (isErrorOfKind(error, "not-found")) notFound();
    throw error;
  });
  const apps = await engine.apps.list({ project: name, pageSize: 200 });

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-start gap-4">
        <div className="mr-auto">
          <p className="text-sm text-slate-500">
            <Link href="/projects" className="hover:underline">
              Projects
            </Link>{" "}
            /
          </p>
          <h1 className="text-2xl font-semibold">{project.name}</h1>
          {project.description && <p className="mt-1 text-sm text-slate-600">{project.description}</p>}
          <p className="mt-1 text-xs text-slate-500">
            Created <Time value={project.createdAt} /> · updated <Time value={project.updatedAt} />
          </p>
        </div>
        {project.name === DEFAULT_PROJECT ? (
          <p className="max-w-xs text-right text-xs text-slate-500">The built-in project holds every app that names no other; it cannot be deleted.</p>
        ) : (
          <ProjectDeleteButton name={project.name} appCount={project.appCount} action={deleteProjectAction.bind(null, project.name)} />
        )}
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,1fr)]">
        <section aria-label="Spec">
          <ProjectEditor action={updateProjectAction.bind(null, project.name)} field={SPEC_TEXT_FIELD} text={formatProjectText(project)} version={project.updatedAt.toISOString()} />
        </section>
        <aside className="space-y-4 text-sm">
          <section aria-label="Applications">
            <h2 className="mb-1 font-semibold text-slate-700">
              Applications ({project.appCount})
            </h2>
            {apps.rows.length === 0 ? (
              <p className="text-slate-500">None yet.</p>
            ) : (
              <ul className="space-y-0.5">
                {apps.rows.map((a) => (
                  <li key={a.id}>
                    <Link href={`/apps/${a.name}`} className="text-indigo-700 hover:underline">
                      {a.name}
                    </Link>{" "}
                    <span className="text-xs text-slate-500">
                      {a.destCluster}/{a.destNamespace}
                    </span>
                  </li>
                ))}
                {apps.total > apps.rows.length && (
                  <li>
                    <Link href={`/?${new URLSearchParams({ project: project.name })}`} className="text-indigo-700 hover:underline">
                      All {apps.total} →
                    </Link>
                  </li>
                )}
              </ul>
            )}
          </section>
          <section aria-label="Fields" className="text-xs text-slate-600">
            <h2 className="mb-1 text-sm font-semibold text-slate-700">Fields</h2>
            <dl className="space-y-1">
              <dt className="font-mono font-semibold">sourceRepos</dt>
              <dd>Repository URL globs apps may render from; a leading <code>!</code> denies.</dd>
              <dt className="font-mono font-semibold">destinations</dt>
              <dd>
                <code>cluster</code> and <code>namespace</code> globs apps may deploy to; <code>deny: true</code> refuses the match.
              </dd>
              <dt className="font-mono font-semibold">appNamespace</dt>
              <dd>Also allow each app&apos;s own destination namespace.</dd>
              <dt className="font-mono font-semibold">clusterResources</dt>
              <dd>
                Cluster-scoped kinds (<code>group</code>, <code>kind</code>) apps may create; none unless listed.
              </dd>
              <dt className="font-mono font-semibold">namespacedResourcesDeny</dt>
              <dd>Namespaced kinds apps may not create.</dd>
              <dt className="font-mono font-semibold">roles</dt>
              <dd>
                <code>name</code>, <code>role</code> (viewer, deployer, admin) and the <code>users</code>, <code>groups</code> and <code>tokens</code> it binds.
              </dd>
              <dt className="font-mono font-semibold">syncWindows</dt>
              <dd>
                <code>kind</code> (allow or deny), <code>schedule</code> (cron), <code>duration</code> (1h30m), <code>timeZone</code>, <code>apps</code> globs,{" "}
                <code>manualSync</code>; deny beats allow.
              </dd>
              <dt className="font-mono font-semibold">rollback</dt>
              <dd>
                <code>allowCommit</code> (default true): whether deployers may make a rollback permanent by a commit to the app&apos;s repository.
              </dd>
            </dl>
          </section>
        </aside>
      </div>
    </div>
  );
}
