import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, inject, it } from "vitest";

import { KubeObjectClient } from "@/lib/kube/object-client";

describe("a cluster's capabilities, as a chart's .Capabilities reads them", () => {
  it("answers the server's version and every served group/version, and remembers them", async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
    const client = KubeObjectClient.forConfig(kc);
    const capabilities = await client.capabilities();
    expect(capabilities.kubeVersion).toMatch(/^v1\.\d+\.\d+/);
    expect(capabilities.apiVersions).toEqual(expect.arrayContaining(["v1", "apps/v1", "batch/v1"]));
    expect(await client.capabilities()).toBe(await client.capabilities());
  });
});
