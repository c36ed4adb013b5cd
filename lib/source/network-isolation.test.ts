import { describe, expect, it } from "vitest";

import { isolateFromNetwork, unshareFailureOf } from "./network-isolation";

describe("isolating a renderer from the network", () => {
  const build = { file: "/usr/local/bin/kustomize", args: ["build", "/tmp/app"] };

  it("wraps the command in a new network namespace, as root without a user namespace", () => {
    expect(isolateFromNetwork(build, { unshareBin: "/usr/bin/unshare", isRoot: true })).toEqual({
      file: "/usr/bin/unshare",
      args: ["--net", "--", "/usr/local/bin/kustomize", "build", "/tmp/app"],
    });
  });

  it("adds a user namespace for a process that is not root", () => {
    expect(isolateFromNetwork(build, { unshareBin: "unshare", isRoot: false }).args.slice(0, 3)).toEqual(["--map-root-user", "--net", "--"]);
  });

  it("tells unshare's own failures from the program's", () => {
    expect(unshareFailureOf("unshare: unshare failed: Operation not permitted\n")).toBe("refused");
    expect(unshareFailureOf("unshare: failed to execute /opt/kustomize: No such file or directory\n")).toBe("cannot-execute");
    expect(unshareFailureOf("Error: accumulating resources: missing.yaml\n")).toBeUndefined();
  });
});
