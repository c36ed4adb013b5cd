import { describe, expect, it } from "vitest";
import type { KubeObject } from "@/lib/types";
import { containsSecretValue, isSecret, maskSecretObject, maskSecrets, redactSecretValues } from "./mask";
import { DESIRED_SECRET, LIVE_SECRET, PLANTED_VALUE } from "./testdata/secret";
import { parseObject } from "./testdata/parse";

const secret = (data: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name: "s", namespace: "ns" },
  data,
  ...extra,
});

describe("maskSecrets", () => {
  it("gives equal values the same mask and different values different masks", () => {
    const { desired, live } = maskSecrets(secret({ a: "MQ==", b: "Mg==" }), secret({ a: "MQ==", b: "Mw==" }));
    expect(desired?.data).toEqual({ a: "++++++++", b: "++++++++" });
    expect(live?.data).toEqual({ a: "++++++++", b: "++++++++++++" });
  });

  it("masks a key present on one side only", () => {
    const { desired, live } = maskSecrets(secret({ a: "MQ==", extra: "eA==" }), secret({ a: "MQ==" }));
    expect(desired?.data).toEqual({ a: "++++++++", extra: "++++++++" });
    expect(live?.data).toEqual({ a: "++++++++" });
  });

  it("folds stringData into data before comparing, as the API server does", () => {
    const { desired, live } = maskSecrets(parseObject(DESIRED_SECRET), parseObject(LIVE_SECRET));
    expect(desired?.stringData).toBeUndefined();
    expect(desired?.data).toEqual({ password: "++++++++", username: "++++++++" });
    expect(live?.data).toEqual({ password: "++++++++++++", username: "++++++++" });
  });

  it("lets stringData win over data for the same key", () => {
    const both = secret({ a: "b2xk" }, { stringData: { a: "new" } });
    const { desired, live } = maskSecrets(both, secret({ a: "bmV3" }));
    expect(desired?.data).toEqual(live?.data);
  });

  it("masks the last-applied-configuration annotation, which repeats the values", () => {
    const { live } = maskSecrets(undefined, parseObject(LIVE_SECRET));
    expect(live?.metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"]).toBe("++++++++");
    expect(containsSecretValue(JSON.stringify(live), parseObject(LIVE_SECRET))).toBe(false);
  });

  it("leaves objects other than core Secrets as they are", () => {
    const configMap: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } };
    const sealed: KubeObject = { apiVersion: "bitnami.com/v1alpha1", kind: "Secret", metadata: { name: "x" }, data: { a: "1" } };
    expect(maskSecrets(configMap, sealed)).toEqual({ desired: configMap, live: sealed });
  });

  it("never mutates its inputs", () => {
    const desired = parseObject(DESIRED_SECRET);
    maskSecrets(desired, parseObject(LIVE_SECRET));
    expect(desired.stringData).toEqual({ password: PLANTED_VALUE, username: "app-user-7f3k" });
  });
});

describe("maskSecretObject", () => {
  it("masks every value of a single Secret", () => {
    const masked = maskSecretObject(parseObject(DESIRED_SECRET));
    expect(masked.data).toEqual({ password: "++++++++", username: "++++++++" });
    expect(JSON.stringify(masked)).not.toContain(PLANTED_VALUE);
  });
});

describe("isSecret", () => {
  it.each([
    { apiVersion: "v1", kind: "Secret", expected: true },
    { apiVersion: "v1", kind: "ConfigMap", expected: false },
    { apiVersion: "bitnami.com/v1alpha1", kind: "Secret", expected: false },
  ])("says $expected for $kind in $apiVersion", ({ apiVersion, kind, expected }) => {
    expect(isSecret({ apiVersion, kind, metadata: { name: "x" } })).toBe(expected);
  });
});

describe("containsSecretValue", () => {
  const desired = parseObject(DESIRED_SECRET);
  const live = parseObject(LIVE_SECRET);

  it.each([
    { name: "finds a stringData value in clear", text: `x ${PLANTED_VALUE} y`, obj: desired, expected: true },
    { name: "finds a stringData value in base64", text: "czNjcjN0LXBsYW50ZWQtdmFsdWU=", obj: desired, expected: true },
    { name: "finds a data value in base64", text: "b2xkLXBhc3N3b3Jk", obj: live, expected: true },
    { name: "finds a data value decoded", text: "was old-password", obj: live, expected: true },
    { name: "finds nothing in a masked text", text: "password: ++++++++", obj: live, expected: false },
  ])("$name", ({ text, obj, expected }) => {
    expect(containsSecretValue(text, obj)).toBe(expected);
  });
});

describe("redactSecretValues", () => {
  it("replaces every form of every value with a mask", () => {
    const message = `Secret "db" is invalid: data[password]: ${PLANTED_VALUE} (czNjcjN0LXBsYW50ZWQtdmFsdWU=)`;
    const redacted = redactSecretValues(message, [parseObject(DESIRED_SECRET), undefined]);
    expect(redacted).toBe('Secret "db" is invalid: data[password]: ++++++++ (++++++++)');
  });

  it("leaves text alone when no Secret is given", () => {
    expect(redactSecretValues("nothing secret", [undefined])).toBe("nothing secret");
  });
});
