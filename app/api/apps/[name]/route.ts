import { appUpdateSchema } from "@/lib/apps/spec";
import { getApp } from "@/lib/db/apps";
import { deleteApplication, updateApplication } from "@/lib/engine";
import { parseJson, respond } from "../../_shared/respond";

type Context = { params: Promise<{ name: string }> };

/** One application with its status. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  return respond(async () => getApp((await params).name));
}

/** Changes an application's spec (any field but the name). */
export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  return respond(async () => updateApplication((await params).name, await parseJson(request, appUpdateSchema)));
}

/** Same as PATCH: the body holds the fields to change. */
export const PUT = PATCH;

/** Deletes an application; `?cascade=true` also deletes its resources from the cluster. */
export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const cascade = new URL(request.url).searchParams.get("cascade") === "true";
  return respond(async () => deleteApplication((await params).name, { cascade }));
}
