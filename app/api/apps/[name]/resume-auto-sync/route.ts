import { resumeAutoSync } from "@/lib/engine";
import { respond } from "../../../_shared/respond";

/** Ends a rollback: turns automated sync back on (if the rollback paused it) and syncs Git's version. */
export async function POST(_request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return respond(async () => resumeAutoSync((await params).name, "api"));
}
