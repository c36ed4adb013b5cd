/**
 * The demo's promotion: declares the guestbook's pipeline (guestbook-dev → guestbook-staging →
 * guestbook-prod, prod approved by an admin) and, once guestbook-dev runs Synced and Healthy,
 * promotes dev's images to staging — a commit to `services/guestbook/overlays/staging` that
 * staging then syncs. Prod's promotion is left for the visitor to request and approve on
 * /pipelines/guestbook. Everything goes through the API, as a user would.
 */

/** The guestbook's stages, in order. */
export const GUESTBOOK_PIPELINE = {
  service: "guestbook",
  stages: [
    { name: "dev", app: "guestbook-dev" },
    { name: "staging", app: "guestbook-staging", syncAfterPromotion: true },
    { name: "prod", app: "guestbook-prod", approval: { role: "admin", scope: "global" }, syncAfterPromotion: true },
  ],
};

/** How long to wait for guestbook-dev to be Synced and Healthy. */
const WAIT_MS = 180_000;

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: string; fields?: { field: string; message: string }[] };
  return [body.error, ...(body.fields ?? []).map((f) => `${f.field}: ${f.message}`)].filter(Boolean).join(" ") || `HTTP ${response.status}`;
}

/** Declares the guestbook pipeline, or replaces its stages when it exists. */
async function declarePipeline(baseUrl: string, headers: Record<string, string>): Promise<void> {
  let response = await fetch(`${baseUrl}/api/pipelines`, { method: "POST", headers, body: JSON.stringify(GUESTBOOK_PIPELINE) });
  if (response.status === 409) {
    response = await fetch(`${baseUrl}/api/pipelines/guestbook`, { method: "PUT", headers, body: JSON.stringify({ stages: GUESTBOOK_PIPELINE.stages }) });
  }
  if (!response.ok) throw new Error(`Declaring the guestbook pipeline failed: ${await errorOf(response)}`);
  console.log(`pipeline "guestbook" declared: ${baseUrl}/pipelines/guestbook`);
}

/** Waits until the app is Synced and Healthy; false when it is not within {@link WAIT_MS}. */
async function waitUntilHealthy(baseUrl: string, headers: Record<string, string>, app: string): Promise<boolean> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/apps/${app}`, { headers });
    if (response.ok) {
      const { status } = (await response.json()) as { status: { syncStatus: string; healthStatus: string } };
      if (status.syncStatus === "Synced" && status.healthStatus === "Healthy") return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return false;
}

/**
 * Declares the guestbook pipeline and promotes dev to staging once dev is Synced and Healthy.
 * A promotion that finds nothing to change (a second run of the demo) is reported, not fatal.
 */
export async function runDemoPromotion(baseUrl: string, headers: Record<string, string>): Promise<void> {
  await declarePipeline(baseUrl, headers);
  if (!(await waitUntilHealthy(baseUrl, headers, "guestbook-dev"))) {
    console.log("guestbook-dev was not Synced and Healthy within 3 minutes; promote it from the Pipelines page once it is.");
    return;
  }
  const response = await fetch(`${baseUrl}/api/pipelines/guestbook/promote`, { method: "POST", headers, body: JSON.stringify({ from: "dev" }) });
  if (!response.ok) {
    console.log(`promoting guestbook from dev to staging: ${await errorOf(response)}`);
    return;
  }
  const promotion = (await response.json()) as { state: string; commit: string | null };
  console.log(`guestbook promoted from dev to staging (${promotion.state}, commit ${promotion.commit?.slice(0, 7) ?? "none"}): ${baseUrl}/pipelines/guestbook`);
}
