/** The engine's Insights query from a parsed request, limited to the apps the caller may see. */
import { appVisibilityFor } from "@/app/_auth/app-project";
import type { Principal } from "@/lib/auth/principal";
import type { EngineFacade } from "@/lib/engine/facade";
import type { Period } from "@/lib/insights/periods";
import type { InsightsQuery } from "@/lib/insights/query";

/** The Insights routes' parsed query. */
export interface InsightsRequestQuery {
  from?: Date;
  to?: Date;
  days?: number;
  project?: string;
  app?: string;
  window?: number;
  period?: Period;
}

/** Builds the engine's query: the caller's filters and its app visibility, as the drift report's. */
export async function insightsQueryFor(engine: EngineFacade, caller: Principal, query: InsightsRequestQuery): Promise<InsightsQuery> {
  const { window, ...rest } = query;
  return { ...rest, ...(window !== undefined ? { windowMinutes: window } : {}), canSee: await appVisibilityFor(engine, caller) };
}
