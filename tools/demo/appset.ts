/**
 * The demo's app set: one set over the example config repository (examples/) generating an
 * app per service folder and environment — `guestbook-dev`, `greeter-prod`… — from the
 * product of the `services/*` directories and a list of environments. dev and staging deploy
 * to the local cluster, prod to the second one, so the example runs on two clusters.
 */
import { SECOND_CLUSTER } from "./second-cluster";

/** The name of the demo's app set. */
export const DEMO_APP_SET = "services";

/** Apps earlier demos registered by hand over the old layout (examples/guestbook). */
const RETIRED_APPS = ["guestbook", "guestbook-second"];

/** The demo's app set spec for the config repository at `repoUrl`. */
export function demoAppSet(repoUrl: string) {
  return {
    name: DEMO_APP_SET,
    repoUrl,
    revision: "main",
    generator: {
      matrix: {
        generators: [
          { git: { directories: [{ path: "services/*" }] } },
          {
            list: {
              elements: [
                { env: "dev", cluster: "local" },
                { env: "staging", cluster: "local" },
                { env: "prod", cluster: SECOND_CLUSTER },
              ],
            },
          },
        ],
      },
    },
    template: {
      name: "{{path.basename}}-{{env}}",
      path: "{{path}}/overlays/{{env}}",
      destCluster: "{{cluster}}",
      destNamespace: "{{path.basename}}-{{env}}",
      automated: true,
      prune: true,
      createNamespace: true,
      labels: { env: "{{env}}", service: "{{path.basename}}" },
    },
    policy: "sync",
  };
}

/** Creates the demo's app set (or, on later runs, replaces its spec) and deletes the apps of the old layout. */
export async function createDemoAppSet(baseUrl: string, headers: Record<string, string>, repoUrl: string): Promise<void> {
  for (const name of RETIRED_APPS) {
    const response = await fetch(`${baseUrl}/api/apps/${name}?cascade=true`, { method: "DELETE", headers });
    if (response.ok) console.log(`application "${name}" of the old example layout deleted`);
  }
  const spec = demoAppSet(repoUrl);
  let response = await fetch(`${baseUrl}/api/appsets`, { method: "POST", headers, body: JSON.stringify(spec) });
  if (response.status === 409) {
    const { name, ...update } = spec;
    response = await fetch(`${baseUrl}/api/appsets/${name}`, { method: "PUT", headers, body: JSON.stringify(update) });
  }
  const body = (await response.json()) as { error?: string; status?: { apps: { name: string }[]; error: string | null } };
  if (!response.ok) throw new Error(`Creating the demo's app set failed: ${body.error}`);
  if (body.status?.error) console.log(`app set "${DEMO_APP_SET}": ${body.status.error}`);
  console.log(`app set "${DEMO_APP_SET}" generated ${body.status?.apps.map((a) => a.name).join(", ")}: ${baseUrl}/appsets/${DEMO_APP_SET}`);
}
