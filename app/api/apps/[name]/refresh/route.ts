import { getApp } from "@/lib/db/apps";
import { refreshApp } from "@/lib/engine";
import { respond } from "../../../_shared/respond";

/**
 * Compares the application with Git and the cluster now; answers its new status.
 * `?hard=true` renders the manifests again even when the commit did not move.
 */
export async function POST(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return respond(async () => {
    const { name } = await params;
    await refreshApp(name, { hard: new URL(request.url).searchParams.get("hard") === "true" });
    return getApp(name);
  });
}
