import { deleteApiToken } from "@/lib/db/api-tokens";
import { requirePrincipal } from "../../_shared/principal";
import { respond } from "../../_shared/respond";

/** Revokes an API token at once. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    await requirePrincipal(request, { permission: "admin" });
    await deleteApiToken((await params).id);
  });
}
