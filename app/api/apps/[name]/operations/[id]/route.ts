import { getApp } from "@/lib/db/apps";
import { getOperation } from "@/lib/db/operations";
import { respond } from "../../../../_shared/respond";

/** One operation's status and per-resource results. */
export async function GET(_request: Request, { params }: { params: Promise<{ name: string; id: string }> }): Promise<Response> {
  return respond(async () => {
    const { name, id } = await params;
    return getOperation((await getApp(name)).id, id);
  });
}
