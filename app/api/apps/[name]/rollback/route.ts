import { z } from "zod";
import { previewRollback, rollbackApplication } from "@/lib/engine";
import { parseJson, respond } from "../../../_shared/respond";

const rollbackBody = z.object({
  operationId: z.string({ error: "operationId is required: the id of the history entry to roll back to." }).min(1, "operationId is required: the id of the history entry to roll back to."),
  prune: z.boolean({ error: "prune must be true or false." }).optional(),
  dryRun: z.boolean({ error: "dryRun must be true or false." }).default(false),
});

/**
 * Rolls the application back to an earlier successful history entry (its stored manifests,
 * not Git) and pauses automated sync; with `dryRun`, answers what would change per resource
 * and changes nothing. 409 while an operation runs.
 */
export async function POST(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return respond(async () => {
    const { name } = await params;
    const body = await parseJson(request, rollbackBody);
    if (body.dryRun) return previewRollback(name, { operationId: body.operationId, prune: body.prune });
    return rollbackApplication(name, { operationId: body.operationId, prune: body.prune, initiator: "api" });
  });
}
