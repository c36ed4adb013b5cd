import { AppForm } from "@/components/apps/app-form";
import { getEngine } from "@/lib/engine/current";
import { createAppAction } from "../actions";

export const dynamic = "force-dynamic";

export default async function NewApplicationPage() {
  const projects = await getEngine().projects.list();
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">New application</h1>
      <AppForm action={createAppAction} projects={projects.map((p) => ({ name: p.name, description: p.description }))} />
    </div>
  );
}
