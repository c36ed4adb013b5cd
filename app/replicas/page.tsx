import { requireUser } from "@/app/_auth/session";
import { Time } from "@/components/ui/time";
import { getEngine } from "@/lib/engine/current";

/** The Lockstep replicas sharing this database, each with the shards whose apps it runs. */
export default async function ReplicasPage() {
  await requireUser("viewer");
  const status = getEngine().replicas();
  return (
    <main className="mx-auto max-w-5xl px-6 py-8">
      <h1 className="text-2xl font-semibold">Replicas</h1>
      <p className="mt-1 text-sm text-slate-600">
        {status.shardCount === 1 && status.replicas.length === 1 && !status.namespace
          ? "This replica runs alone and holds every app (sharding is off: set LOCKSTEP_SHARDS to share the work)."
          : `${status.shardCount} shard(s), held through Leases in namespace ${status.namespace}. Every replica serves the UI and the API; only a shard's holder reconciles and syncs its apps.`}
      </p>
      <table className="mt-4 w-full text-left text-sm" data-testid="replicas">
        <thead className="text-slate-500">
          <tr>
            <th className="py-2">Replica</th>
            <th>Shards</th>
            <th>Last renewal</th>
          </tr>
        </thead>
        <tbody>
          {status.replicas.map((replica) => (
            <tr key={replica.identity} className="border-t border-slate-200">
              <td className="py-2 font-mono">
                {replica.identity}
                {replica.self && <span className="ml-2 rounded bg-indigo-100 px-1 text-xs text-indigo-800">this replica</span>}
              </td>
              <td>{replica.shards.length > 0 ? replica.shards.join(", ") : "none"}</td>
              <td>
                <Time value={replica.renewedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {status.unheld.length > 0 && <p className="mt-3 text-sm text-amber-700">Held by no live replica yet: shard(s) {status.unheld.join(", ")}.</p>}
    </main>
  );
}
