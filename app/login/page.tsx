import { LoginForm } from "@/components/auth/login-form";
import { signInFailureMessage } from "@/lib/auth/oidc/failures";
import { getEngine } from "@/lib/engine/current";
import { safeLocalPath } from "@/lib/http/safe-url";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeLocalPath(typeof params.next === "string" ? params.next : undefined);
  const error = signInFailureMessage(typeof params.error === "string" ? params.error : undefined);
  return (
    <div className="mx-auto mt-10 max-w-sm">
      <h1 className="mb-4 text-2xl font-semibold">Sign in to Lockstep</h1>
      {error && (
        <p className="mb-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" role="alert">
          {error}
        </p>
      )}
      <LoginForm next={next} />
      {getEngine().auth.isOidcConfigured() && (
        <a href={`/api/auth/oidc/login?next=${encodeURIComponent(next)}`} className="mt-3 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-center text-sm hover:bg-slate-100">
          Sign in with single sign-on
        </a>
      )}
    </div>
  );
}
