import { describe, expect, it } from "vitest";

import { dependencyFailure } from "./helm-deps";

describe("dependencyFailure", () => {
  it("names the chart repository Helm could not read, rather than its vague cache error", () => {
    const stdout = 'Getting updates for unmanaged Helm repositories...\n...Unable to get an update from the "http://127.0.0.1:1" chart repository:\n\tGet "http://127.0.0.1:1/index.yaml": dial tcp 127.0.0.1:1: connect: connection refused\n';
    const stderr = "Error: no cached repository for helm-manager-10d8 found. (try 'helm repo update'): open /tmp/lockstep-helm-x/cache/repository/helm-manager-10d8-index.yaml: no such file or directory\n";
    expect(dependencyFailure(stdout, stderr, ["/tmp/lockstep-helm-x"])).toBe(
      'chart repository http://127.0.0.1:1 cannot be read (Get "http://127.0.0.1:1/index.yaml": dial tcp 127.0.0.1:1: connect: connection refused)',
    );
  });

  it("otherwise answers Helm's error without the render's temporary paths", () => {
    expect(dependencyFailure("", "Error: nowhere chart not found in repo http://charts.example\n", [])).toBe("nowhere chart not found in repo http://charts.example");
    expect(dependencyFailure("", "Error: cannot load /tmp/h/tree/charts/shop/Chart.yaml\n", ["/tmp/h/tree", "/tmp/h"])).toBe("cannot load charts/shop/Chart.yaml");
  });
});
