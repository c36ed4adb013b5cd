import { refreshAppSetRoute } from "@/app/api/_routes/appsets";
import { route } from "@/app/api/_shared/route";
import { setFor } from "../../access";

/** Generates the set now and applies the plan its policy allows. */
export const POST = route(refreshAppSetRoute, async ({ engine, params, caller }) => {
  await setFor(engine, caller, params.name, "deployer");
  return engine.appSets.refresh(params.name, caller);
});
