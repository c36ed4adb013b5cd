import { requireUser } from "@/app/_auth/session";
import { UsersAdmin } from "@/components/settings/users-admin";
import { getEngine } from "@/lib/engine/current";

export default async function UsersPage() {
  await requireUser("admin");
  const users = await getEngine().auth.listUsers();
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Users</h1>
      <UsersAdmin
        users={users.map((u) => ({ name: u.name, role: u.role, grants: u.grants, source: u.source, mustChangePassword: u.mustChangePassword, lastSignInAt: u.lastSignInAt?.toISOString() ?? null }))}
      />
    </div>
  );
}
