import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { setKustomizationImage } from "./kustomization-images";

const COMMENTED = `# Guestbook, production overlay.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - ../../base   # shared manifests
  - ingress.yaml

images:
  # the web front end
  - name: guestbook
    newName: registry.example.com/demo/guestbook # moved in 2024
    newTag: "1.0.0"   # bumped by CI
  - name: redis
    newTag: '7.2'
commonLabels: {team: web, tier: "frontend"}
`;

describe("setKustomizationImage", () => {
  it("changes only the tag's characters, keeping comments, quotes and key order byte for byte", () => {
    const edit = setKustomizationImage(COMMENTED, { name: "guestbook", newTag: "1.4.2" });
    expect(edit.changed).toBe(true);
    expect(edit.image).toBe("registry.example.com/demo/guestbook:1.4.2");
    expect(edit.text).toBe(COMMENTED.replace('newTag: "1.0.0"', 'newTag: "1.4.2"'));
  });

  it("keeps a single-quoted tag single-quoted", () => {
    const edit = setKustomizationImage(COMMENTED, { name: "redis", newTag: "7.4" });
    expect(edit.text).toBe(COMMENTED.replace("newTag: '7.2'", "newTag: '7.4'"));
  });

  it("changes the new name and the tag of one entry together", () => {
    const edit = setKustomizationImage(COMMENTED, { name: "guestbook", newName: "ghcr.io/acme/guestbook", newTag: "2.0.0" });
    expect(edit.text).toBe(
      COMMENTED.replace("registry.example.com/demo/guestbook # moved", "ghcr.io/acme/guestbook # moved").replace('"1.0.0"', '"2.0.0"'),
    );
  });

  it("makes no change when the file already names that version", () => {
    const edit = setKustomizationImage(COMMENTED, { name: "guestbook", newName: "registry.example.com/demo/guestbook", newTag: "1.0.0" });
    expect(edit).toEqual({ text: COMMENTED, changed: false, image: "registry.example.com/demo/guestbook:1.0.0" });
  });

  it("adds a missing field under the entry's first key, in kustomize's field order", () => {
    const edit = setKustomizationImage(COMMENTED, { name: "redis", newName: "mirror.example.com/redis" });
    expect(edit.text).toBe(COMMENTED.replace("    newTag: '7.2'\n", "    newName: mirror.example.com/redis\n    newTag: '7.2'\n"));
    expect(parse(edit.text).images[1]).toEqual({ name: "redis", newName: "mirror.example.com/redis", newTag: "7.2" });
  });

  it("adds missing fields at the end when no later field exists", () => {
    const edit = setKustomizationImage("images:\n- name: app # x\n", { name: "app", newName: "r.example/app", newTag: "2" });
    expect(edit.text).toBe('images:\n- name: app # x\n  newName: r.example/app\n  newTag: "2"\n');
  });

  it("adds an entry for an image the list does not name yet, in the list's own indentation", () => {
    const edit = setKustomizationImage(COMMENTED, { name: "worker", newTag: "3.1" });
    expect(edit.text).toBe(COMMENTED.replace("    newTag: '7.2'\n", `    newTag: '7.2'\n  - name: worker\n    newTag: "3.1"\n`));
  });

  it("adds the images list at the end when the file has none, indented like its other lists", () => {
    const source = "resources:\n  - deployment.yaml # app\n";
    const edit = setKustomizationImage(source, { name: "guestbook", newName: "registry.example.com/guestbook", newTag: "1.2.3" });
    expect(edit.text).toBe(`${source}images:\n  - name: guestbook\n    newName: registry.example.com/guestbook\n    newTag: 1.2.3\n`);
  });

  it("writes lists the way kustomize does when the file's lists are not indented", () => {
    const source = "resources:\n- deployment.yaml";
    const edit = setKustomizationImage(source, { name: "guestbook", newTag: "v2" });
    expect(edit.text).toBe(`${source}\nimages:\n- name: guestbook\n  newTag: v2\n`);
  });

  it("fills an images key that has no value, in kustomize's list style when the file has no block lists", () => {
    const source = "images:\n# none yet\nresources: [a.yaml]\n";
    const edit = setKustomizationImage(source, { name: "app", newTag: "1" });
    expect(parse(edit.text)).toEqual({ images: [{ name: "app", newTag: "1" }], resources: ["a.yaml"] });
    expect(edit.text).toBe('images:\n- name: app\n  newTag: "1"\n# none yet\nresources: [a.yaml]\n');
  });

  it("pins a digest and drops the tag it replaces", () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    const edit = setKustomizationImage(COMMENTED, { name: "guestbook", digest });
    expect(edit.text).toBe(COMMENTED.replace('    newTag: "1.0.0"   # bumped by CI\n', `    digest: ${digest}\n`));
  });

  it("replaces a pinned digest by a tag", () => {
    const digest = `sha256:${"cd".repeat(32)}`;
    const source = `images:\n- name: app\n  digest: ${digest} # pinned\n  newName: r.example/app\n`;
    const edit = setKustomizationImage(source, { name: "app", newTag: "5.0" });
    expect(edit.text).toBe(`images:\n- name: app\n  newName: r.example/app\n  newTag: "5.0"\n`);
  });

  it("edits and extends flow-style entries and lists in place", () => {
    const source = "images: [{name: app, newTag: '1'}] # flow\nresources: []\n";
    expect(setKustomizationImage(source, { name: "app", newTag: "2" }).text).toBe("images: [{name: app, newTag: '2'}] # flow\nresources: []\n");
    expect(setKustomizationImage(source, { name: "db", newTag: "9" }).text).toBe(
      `images: [{name: app, newTag: '1'}, {name: db, newTag: "9"}] # flow\nresources: []\n`,
    );
    expect(setKustomizationImage(source, { name: "app", newName: "r.example/app" }).text).toBe(
      "images: [{name: app, newTag: '1', newName: r.example/app}] # flow\nresources: []\n",
    );
  });

  it("quotes a tag that would otherwise read as a number", () => {
    const edit = setKustomizationImage("images:\n- name: app\n  newTag: v1\n", { name: "app", newTag: "1.10" });
    expect(edit.text).toBe('images:\n- name: app\n  newTag: "1.10"\n');
    expect(parse(edit.text).images[0].newTag).toBe("1.10");
  });

  it("refuses a file that is not YAML, naming the file", () => {
    expect(() => setKustomizationImage("images: [\n", { name: "app", newTag: "1" }, { file: "apps/web/kustomization.yaml" })).toThrow(
      /^apps\/web\/kustomization\.yaml is not valid YAML/,
    );
  });

  it("refuses an images field that is not a list", () => {
    expect(() => setKustomizationImage("images: nginx\n", { name: "app", newTag: "1" })).toThrow("The images field of kustomization.yaml is not a list.");
  });

  it("replaces a null images value and an explicit ~ alike", () => {
    const edit = setKustomizationImage("images: ~ # later\n", { name: "app", newTag: "v1" });
    expect(edit.text).toBe("images:  # later\n- name: app\n  newTag: v1\n");
    expect(parse(edit.text)).toEqual({ images: [{ name: "app", newTag: "v1" }] });
  });
});
