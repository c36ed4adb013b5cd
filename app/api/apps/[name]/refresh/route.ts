import { getApp } from "@/lib/db/apps";
import { refreshApp } from "@/lib/engine";
import { respond } from "../../../_shared/respond";

/** Compares the application with Git and the cluster now; answers its new status. */
export async function POST(_request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return respond(async () => {
    const { name } = await params;
    await refreshApp(name);
    return getApp(name);
  });
}
