/**
 * Replicas sharing one database: what a replica does when it takes shards over — operations
 * that another replica left running in them end `Failed` as interrupted (recorded, never run
 * again), and their apps are refreshed and their queued operations claimed here — and how a
 * replica that runs alone describes itself.
 */
import type { ShardChange, ShardStatus } from "@/lib/shards";
import type { AppMembership, EngineContext } from "./context";

/** What taking shards over asks of the rest of the engine. */
export interface TakeOverHandlers {
  /** Refresh these apps soon (the reconciler). */
  refresh(names: readonly string[]): void;
  /** Look for queued operations now (the worker). */
  wake(): void;
}

/**
 * Takes over the apps of newly acquired shards: ends the operations another replica was
 * running for them as interrupted, then refreshes them and wakes the worker.
 */
export async function takeOverShards(ctx: Pick<EngineContext, "db" | "settings" | "clock" | "log">, change: ShardChange, membership: AppMembership | undefined, handlers: TakeOverHandlers): Promise<void> {
  if (!membership || change.acquired.length === 0) return;
  const apps = (await ctx.db.appSources.listAppSources()).filter((app) => membership.inShards(app.name, change.acquired));
  const interrupted = await ctx.db.queue.interruptForeignOperations(
    apps.map((app) => app.id),
    ctx.settings.holder,
    new Date(ctx.clock.now()),
  );
  for (const { operationId, holder } of interrupted) {
    await ctx.db.operations.appendOperationLog(operationId, `Interrupted: replica ${holder} stopped holding the app's shard; ${ctx.settings.holder} took it over. The operation was not run again.`);
  }
  if (interrupted.length > 0) ctx.log.info(`took over shards ${change.acquired.join(", ")}: ${interrupted.length} interrupted operation(s) recorded`);
  handlers.refresh(apps.map((app) => app.name));
  handlers.wake();
}

/** The status of a replica alone: one replica holding everything, no Leases. */
export function aloneStatus(ctx: Pick<EngineContext, "settings" | "clock">): ShardStatus {
  return {
    identity: ctx.settings.holder,
    shardCount: 1,
    namespace: "",
    replicas: [{ identity: ctx.settings.holder, shards: [0], renewedAt: new Date(ctx.clock.now()).toISOString(), self: true }],
    unheld: [],
  };
}
