import { z } from "zod";
import { compareHistory } from "@/lib/engine";
import { respond } from "../../../../_shared/respond";

const compareQuery = z.object({
  from: z.string({ error: "from is required: the id of the older history entry." }).min(1, "from is required: the id of the older history entry."),
  to: z.string({ error: "to is required: the id of the newer history entry." }).min(1, "to is required: the id of the newer history entry."),
});

/** The per-resource diff between the manifests two history entries applied (Secret values masked). */
export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return respond(async () => {
    const query = compareQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    return compareHistory((await params).name, query.from, query.to);
  });
}
