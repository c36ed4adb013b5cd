/**
 * The base of the links notifications carry: `LOCKSTEP_PUBLIC_URL` when set (the address
 * people reach Lockstep at, behind any proxy), else the server's own URL from `PORT` and
 * `HOSTNAME` as `next start` binds them.
 */
export function publicUrlFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  const configured = env.LOCKSTEP_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  const host = env.HOSTNAME?.trim();
  const shown = !host || host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return `http://${shown}:${env.PORT?.trim() || "3000"}`;
}
