/**
 * The one engine of this server process, for the web layer. Next.js loads lib/ once per bundle
 * (route handlers, pages, proxy, instrumentation), so the engine is kept on `globalThis` — the
 * only process-global in lib/ — and every bundle reaches the same one through {@link getEngine}.
 */
import { Clusters } from "@/lib/cache/clusters";
import { EventBus } from "@/lib/events/bus";
import { credentialsFor } from "@/lib/credentials";
import { kubeconfigPathFromEnv } from "@/lib/kube/config";
import { createSource, sourceOptionsFromEnv } from "@/lib/source";
import { createEngine, type Engine } from "./create-engine";
import { processDatabase, processRooms } from "./legacy-parts";
import { settingsFromEnv } from "./settings";

function buildEngine(): Engine {
  return createEngine({
    db: processDatabase(),
    clusters: new Clusters({ kubeconfig: kubeconfigPathFromEnv() }),
    source: createSource({ ...sourceOptionsFromEnv(process.env), credentials: credentialsFor }),
    events: new EventBus(),
    rooms: processRooms,
    settings: settingsFromEnv(),
  });
}

const holder = globalThis as unknown as { lockstepEngine?: Engine };

/** The process's engine, built on first use and shared by every bundle of the server. */
export function getEngine(): Engine {
  holder.lockstepEngine ??= buildEngine();
  return holder.lockstepEngine;
}
