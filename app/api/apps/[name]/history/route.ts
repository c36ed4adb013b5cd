import { getApp } from "@/lib/db/apps";
import { listOperations } from "@/lib/db/operations";
import { respond } from "../../../_shared/respond";

/** The application's operations, newest first. */
export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return respond(async () => listOperations((await getApp((await params).name)).id));
}
