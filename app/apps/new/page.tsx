import { AppForm } from "@/components/apps/app-form";
import { createAppAction } from "../actions";

export default function NewApplicationPage() {
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">New application</h1>
      <AppForm action={createAppAction} />
    </div>
  );
}
