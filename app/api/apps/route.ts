import { z } from "zod";
import { appSpecSchema } from "@/lib/apps/spec";
import { listApps } from "@/lib/db/apps";
import { createApplication } from "@/lib/engine";
import { SYNC_STATUSES } from "@/lib/types";
import { parseJson, respond } from "../_shared/respond";

const listQuery = z.object({
  q: z.string().optional(),
  sync: z.enum(SYNC_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Lists applications, filtered, searched and paginated on the server. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const query = listQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    return listApps({ search: query.q, syncStatus: query.sync, page: query.page, pageSize: query.pageSize });
  });
}

/** Creates an application; an invalid spec is refused field by field and nothing is stored. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => createApplication(await parseJson(request, appSpecSchema)), 201);
}
