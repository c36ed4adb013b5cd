import { previewAppSetRoute } from "@/app/api/_routes/appsets";
import { route } from "@/app/api/_shared/route";
import { setFor } from "../../access";

/** What generating the set at a revision (the branch head by default) would change; nothing is written. */
export const GET = route(previewAppSetRoute, async ({ engine, params, query, caller }) => {
  await setFor(engine, caller, params.name, "viewer");
  return engine.appSets.preview(params.name, query.revision);
});
