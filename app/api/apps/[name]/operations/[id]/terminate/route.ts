import { terminateOperation } from "@/lib/engine";
import { respond } from "../../../../../_shared/respond";

/** Asks a running operation to stop before its next resource; 409 when it has already ended. */
export async function POST(_request: Request, { params }: { params: Promise<{ name: string; id: string }> }): Promise<Response> {
  return respond(async () => {
    const { name, id } = await params;
    return terminateOperation(name, id, "api");
  });
}
