import { z } from "zod";
import { syncApp } from "@/lib/engine";
import { parseJson, respond } from "../../../_shared/respond";

const syncBody = z.object({
  dryRun: z.boolean().default(false),
  prune: z.boolean().optional(),
  resources: z.array(z.string().min(1)).default([]),
});

/** Syncs the application (optionally dry-run, pruning, or only some resources); 409 when one is running. */
export async function POST(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return respond(async () => {
    const body = await parseJson(request, syncBody);
    return syncApp((await params).name, { ...body, initiator: "api" });
  });
}
