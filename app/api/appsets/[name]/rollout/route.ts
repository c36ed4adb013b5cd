import { appSetRolloutRoute } from "@/app/api/_routes/appsets";
import { route } from "@/app/api/_shared/route";
import { setFor } from "../../access";

/** The progressive rollout's steps and apps; null for a set without a strategy. */
export const GET = route(appSetRolloutRoute, async ({ engine, params, caller }) => {
  await setFor(engine, caller, params.name, "viewer");
  return engine.appSets.rollout(params.name);
});
