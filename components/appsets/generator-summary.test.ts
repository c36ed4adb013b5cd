import { describe, expect, it } from "vitest";
import { generatorSchema } from "@/lib/appsets/schema";
import { generatorSummary } from "./generator-summary";

const summary = (generator: unknown) => generatorSummary(generatorSchema.parse(generator));

describe("a generator's one-line summary", () => {
  it("names a Git generator's paths, excludes marked with !", () => {
    expect(summary({ git: { directories: [{ path: "services/*" }, { path: "services/old", exclude: true }] } })).toBe("git directories services/*, !services/old");
    expect(summary({ git: { files: [{ path: "envs/*.yaml" }] } })).toBe("git files envs/*.yaml");
  });

  it("counts a list's elements and names the clusters chosen", () => {
    expect(summary({ list: { elements: [{ env: "dev" }] } })).toBe("list (1 element)");
    expect(summary({ clusters: {} })).toBe("clusters (every known one)");
    expect(summary({ clusters: { names: ["local", "edge"] } })).toBe("clusters local, edge");
  });

  it("joins a matrix's generators with ×", () => {
    expect(summary({ matrix: { generators: [{ git: { directories: [{ path: "services/*" }] } }, { list: { elements: [{ env: "dev" }, { env: "prod" }] } }] } })).toBe(
      "git directories services/* × list (2 elements)",
    );
  });
});
