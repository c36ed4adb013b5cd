import { requireUser } from "@/app/_auth/session";
import { PasswordForm } from "@/components/auth/password-form";

export default async function ChangePasswordPage() {
  const user = await requireUser("signed-in");
  return (
    <div className="mx-auto mt-10 max-w-sm">
      <h1 className="mb-4 text-2xl font-semibold">Change password</h1>
      {user.kind === "user" ? <PasswordForm required={user.mustChangePassword} /> : <p className="text-sm">API tokens have no password.</p>}
    </div>
  );
}
