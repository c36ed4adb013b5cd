import { readFile, writeFile } from "node:fs/promises";
import { stringify } from "yaml";
import type { CertPair } from "./pki";

/** What a kubeconfig for the local cluster needs. */
export interface KubeconfigSpec {
  /** The apiserver URL, e.g. `https://127.0.0.1:40123`. */
  server: string;
  /** PEM file of the CA that signed the apiserver's serving certificate. */
  caCert: string;
  /** The client certificate that identifies the user. */
  client: CertPair;
  /** Name used for the cluster, user and context entries. */
  name: string;
}

async function base64Of(path: string): Promise<string> {
  return (await readFile(path)).toString("base64");
}

/**
 * Writes a self-contained kubeconfig (certificates embedded) with one cluster,
 * user and context, so the file keeps working when copied elsewhere.
 */
export async function writeKubeconfig(path: string, spec: KubeconfigSpec): Promise<void> {
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name: spec.name, cluster: { server: spec.server, "certificate-authority-data": await base64Of(spec.caCert) } },
    ],
    users: [
      {
        name: spec.name,
        user: {
          "client-certificate-data": await base64Of(spec.client.cert),
          "client-key-data": await base64Of(spec.client.key),
        },
      },
    ],
    contexts: [{ name: spec.name, context: { cluster: spec.name, user: spec.name } }],
    "current-context": spec.name,
  };
  await writeFile(path, stringify(config), { mode: 0o600 });
}
