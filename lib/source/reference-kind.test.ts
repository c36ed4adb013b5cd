import { describe, expect, it } from "vitest";

import { classifyReference, type ReferenceKind } from "./reference-kind";

describe("classifying a kustomization reference by its shape", () => {
  const cases: [string, ReferenceKind][] = [
    ["https://github.com/org/repo//base?ref=v1", "remote"],
    ["http://127.0.0.1:8080/x.yaml", "remote"],
    ["HTTP://127.0.0.1/x.yaml", "remote"],
    ["ssh://git@git.example/org/repo.git", "remote"],
    ["git::http://127.0.0.1:8080/repo.git", "remote"],
    ["git::https://git.example/org/repo.git//base?ref=main", "remote"],
    ["git@github.com:org/repo.git", "remote"],
    ["deploy@git.example/org/repo", "remote"],
    ["github.com/org/repo/base?ref=v1", "remote"],
    ["GitHub.com:org/repo", "remote"],
    ["gh:org/repo", "remote"],
    ["oci://registry.example/charts", "remote"],
    ["s3::https://bucket.example/x", "remote"],
    ["file:///var/lib/lockstep/mirrors/other.git", "server-file"],
    ["git::file:///etc", "server-file"],
    ["gitlab.example.com/org/repo", "host-like"],
    ["monitoring.coreos.com/crd.yaml", "host-like"],
    ["../base", "local"],
    ["deployment.yaml", "local"],
    ["config.d/app.yaml", "local"],
    ["overlays/prod", "local"],
    ["/etc/passwd", "local"],
    ["name@2x.yaml", "local"],
  ];

  it.each(cases)("%s is %s", (reference, kind) => {
    expect(classifyReference(reference)).toBe(kind);
  });
});
