import { requireUser } from "@/app/_auth/session";
import { ClustersAdmin } from "@/components/clusters/clusters-admin";
import { getEngine } from "@/lib/engine/current";

export const dynamic = "force-dynamic";

export default async function ClustersPage() {
  await requireUser("admin");
  const clusters = await getEngine().clusters.list();
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Clusters</h1>
      <p className="mb-4 text-sm text-slate-600">
        Destination clusters besides <code>local</code> (the kubeconfig Lockstep was started with): an application deploys to one by naming it as its
        cluster. Tokens and client keys are stored encrypted and are never shown again; each cluster is asked for its version every 30 seconds.
      </p>
      <ClustersAdmin
        clusters={clusters.map((c) => ({
          name: c.name,
          server: c.server,
          authKind: c.authKind,
          status: c.connection.status,
          version: c.connection.version ?? null,
          lastContact: c.connection.lastContact?.toISOString() ?? null,
          reason: c.connection.reason ?? null,
        }))}
      />
    </div>
  );
}
