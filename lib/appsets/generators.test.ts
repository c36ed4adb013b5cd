import { describe, expect, it } from "vitest";
import { directoriesOf, generate, GeneratorError, matchPaths, MAX_GENERATED, type GeneratorInput } from "./generators";
import { generatorSchema } from "./schema";

const FILES = [
  "README.md",
  "services/guestbook/base/kustomization.yaml",
  "services/guestbook/overlays/dev/kustomization.yaml",
  "services/guestbook/overlays/prod/kustomization.yaml",
  "services/greeter/base/kustomization.yaml",
  "services/greeter/overlays/dev/kustomization.yaml",
  "services/greeter/config.json",
  "services/guestbook/config.yaml",
];

const CONTENT: Record<string, string> = {
  "services/greeter/config.json": '{"team": {"name": "blue"}, "replicas": 2}',
  "services/guestbook/config.yaml": "team:\n  name: red\nreplicas: 1\n",
};

const input: GeneratorInput = {
  files: FILES,
  readFile: async (path) => {
    const text = CONTENT[path];
    if (text === undefined) throw new Error(`no ${path}`);
    return text;
  },
  clusters: async () => [
    { name: "local", server: "https://10.0.0.1" },
    { name: "Edge_1", server: "https://10.0.0.2" },
  ],
};

const run = (generator: unknown) => generate(generatorSchema.parse(generator), input);

describe("generators", () => {
  it("lists every directory holding a file, at any depth", () => {
    expect(directoriesOf(["a/b/c.txt", "d.txt"])).toEqual(new Set(["a", "a/b"]));
  });

  it("matches include globs minus exclude globs, sorted", () => {
    expect(matchPaths(["b", "a", "c"], [{ path: "*", exclude: false }, { path: "c", exclude: true }])).toEqual(["a", "b"]);
  });

  it("gives one value set per matching directory", async () => {
    const values = await run({ git: { directories: [{ path: "services/*" }] } });
    expect(values.map((v) => v["path.basename"])).toEqual(["greeter", "guestbook"]);
  });

  it("leaves out directories an exclude entry matches", async () => {
    const values = await run({ git: { directories: [{ path: "services/*/overlays/*" }, { path: "services/greeter/**", exclude: true }] } });
    expect(values.map((v) => v.path)).toEqual(["services/guestbook/overlays/dev", "services/guestbook/overlays/prod"]);
  });

  it("gives each matching YAML or JSON file's keys flattened with dots, with its path", async () => {
    const values = await run({ git: { files: [{ path: "services/*/config.*" }] } });
    expect(values).toHaveLength(2);
    expect(values[0]).toMatchObject({ "team.name": "blue", replicas: "2", path: "services/greeter", "path.basename": "greeter", "path.filename": "config.json" });
    expect(values[1]).toMatchObject({ "team.name": "red", path: "services/guestbook" });
  });

  it("gives a list's elements flattened", async () => {
    expect(await run({ list: { elements: [{ env: "dev", cluster: { name: "local" } }] } })).toEqual([{ env: "dev", "cluster.name": "local" }]);
  });

  it("gives one value set per known cluster, or only those named", async () => {
    expect(await run({ clusters: {} })).toEqual([
      { name: "local", nameNormalized: "local", server: "https://10.0.0.1" },
      { name: "Edge_1", nameNormalized: "edge-1", server: "https://10.0.0.2" },
    ]);
    expect((await run({ clusters: { names: ["Edge_1"] } })).map((v) => v.name)).toEqual(["Edge_1"]);
  });

  it("gives a matrix's product: service directories times environments", async () => {
    const values = await run({ matrix: { generators: [{ git: { directories: [{ path: "services/*" }] } }, { list: { elements: [{ env: "dev" }, { env: "prod" }] } }] } });
    expect(values.map((v) => `${v["path.basename"]}-${v.env}`)).toEqual(["greeter-dev", "greeter-prod", "guestbook-dev", "guestbook-prod"]);
  });

  it("lets a matrix's second generator use the first's values", async () => {
    const values = await run({
      matrix: { generators: [{ git: { directories: [{ path: "services/*" }] } }, { git: { directories: [{ path: "{{path}}/overlays/*" }], pathParamPrefix: "overlay" } }] },
    });
    expect(values.map((v) => `${v["path.basename"]}/${v["overlay.path.basename"]}`)).toEqual(["greeter/dev", "guestbook/dev", "guestbook/prod"]);
  });

  it("refuses a matrix whose generators give one key differently", async () => {
    await expect(run({ matrix: { generators: [{ git: { directories: [{ path: "services/*" }] } }, { git: { directories: [{ path: "{{path}}/base" }] } }] } })).rejects.toThrow(GeneratorError);
  });

  it("refuses a generator giving more apps than allowed", async () => {
    const many = Array.from({ length: MAX_GENERATED + 1 }, (_, i) => ({ i }));
    await expect(run({ list: { elements: many } })).rejects.toThrow(`The generator gives ${MAX_GENERATED + 1} apps; at most ${MAX_GENERATED} are allowed.`);
  });

  it("refuses a file that does not hold objects, naming it", async () => {
    const bad: GeneratorInput = { ...input, readFile: async () => "- 1\n- 2\n" };
    await expect(generate(generatorSchema.parse({ git: { files: [{ path: "services/greeter/config.json" }] } }), bad)).rejects.toThrow("File services/greeter/config.json must hold an object or a list of objects.");
  });
});
