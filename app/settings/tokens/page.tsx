import { requireUser } from "@/app/_auth/session";
import { TokensAdmin } from "@/components/settings/tokens-admin";
import { getEngine } from "@/lib/engine/current";

export default async function TokensPage() {
  await requireUser("admin");
  const tokens = await getEngine().auth.listTokens();
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">API tokens</h1>
      <p className="mb-4 text-sm text-slate-600">
        Tokens let automation (CI, <code>lockstep set-image</code>) call the API with <code>Authorization: Bearer</code>. A token has a role, may be limited to some apps, and expires.
      </p>
      <TokensAdmin
        tokens={tokens.map((t) => ({ ...t, expiresAt: t.expiresAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, createdAt: undefined }))}
      />
    </div>
  );
}
