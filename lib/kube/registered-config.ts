import { KubeConfig } from "@kubernetes/client-node";

/** What Lockstep needs to reach a registered cluster, its secret decrypted (kept in memory only). */
export interface ClusterConnection {
  name: string;
  /** The API server's https:// URL. */
  server: string;
  /** PEM certificate(s) of the CA the server's certificate must chain to. */
  caData: string;
  /** A bearer token, or… */
  token?: string;
  /** …a PEM client certificate and its PEM private key. */
  clientCertificate?: string;
  clientKey?: string;
}

const base64 = (pem: string) => Buffer.from(pem, "utf8").toString("base64");

/**
 * A client configuration of a registered cluster, built in memory — no file is written and the
 * secret lives only in this object — with one context, named as the cluster, that is current.
 * TLS is always verified against the given CA.
 */
export function kubeConfigOf(connection: ClusterConnection): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: connection.name, server: connection.server, caData: base64(connection.caData), skipTLSVerify: false }],
    users: [
      connection.token !== undefined
        ? { name: connection.name, token: connection.token }
        : { name: connection.name, certData: base64(connection.clientCertificate ?? ""), keyData: base64(connection.clientKey ?? "") },
    ],
    contexts: [{ name: connection.name, cluster: connection.name, user: connection.name }],
    currentContext: connection.name,
  });
  return kc;
}
