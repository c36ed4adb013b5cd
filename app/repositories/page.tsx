import { requireUser } from "@/app/_auth/session";
import { RepositoriesAdmin } from "@/components/repositories/repositories-admin";
import { getEngine } from "@/lib/engine/current";

export const dynamic = "force-dynamic";

export default async function RepositoriesPage() {
  await requireUser("admin");
  const credentials = await getEngine().credentials.list();
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Repositories</h1>
      <p className="mb-4 text-sm text-slate-600">
        Credentials for private repositories, used for every <code>ls-remote</code>, fetch and <code>set-image</code> push to a repository whose URL starts
        with the prefix (the longest prefix wins, so one entry can serve a whole organisation). Tokens and keys are stored encrypted and are never shown
        again.
      </p>
      <RepositoriesAdmin
        credentials={credentials.map((c) => ({ id: c.id, urlPrefix: c.urlPrefix, kind: c.kind, username: c.username, knownHosts: c.knownHosts, updatedAt: c.updatedAt.toISOString() }))}
      />
    </div>
  );
}
