import { describe, expect, it } from "vitest";
import { kubeConfigOf } from "./registered-config";

const CA = "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAK\n-----END CERTIFICATE-----\n";
const decoded = (base64: string | undefined) => Buffer.from(base64 ?? "", "base64").toString("utf8");

describe("kubeConfigOf", () => {
  it("builds one current context named as the cluster, verifying TLS against the CA, with the bearer token in memory", () => {
    const kc = kubeConfigOf({ name: "staging", server: "https://10.0.0.1:6443", caData: CA, token: "abc.def" });
    expect(kc.getCurrentContext()).toBe("staging");
    expect(kc.getCurrentCluster()).toMatchObject({ name: "staging", server: "https://10.0.0.1:6443", skipTLSVerify: false });
    expect(decoded(kc.getCurrentCluster()?.caData)).toBe(CA);
    expect(kc.getCurrentUser()).toMatchObject({ name: "staging", token: "abc.def" });
    expect(kc.getCurrentUser()?.keyData).toBeUndefined();
  });

  it("carries a client certificate and key instead of a token", () => {
    const kc = kubeConfigOf({ name: "prod", server: "https://k8s.example", caData: CA, clientCertificate: "CERT-PEM", clientKey: "KEY-PEM" });
    const user = kc.getCurrentUser();
    expect(user?.token).toBeUndefined();
    expect(decoded(user?.certData)).toBe("CERT-PEM");
    expect(decoded(user?.keyData)).toBe("KEY-PEM");
  });

  it("sends the token as a bearer header", async () => {
    const kc = kubeConfigOf({ name: "staging", server: "https://10.0.0.1:6443", caData: CA, token: "abc.def" });
    const options: { headers?: Record<string, string> } = { headers: {} };
    await kc.applyToHTTPSOptions(options as never);
    expect(options.headers?.Authorization).toBe("Bearer abc.def");
  });
});
