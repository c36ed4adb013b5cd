import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { KubeObject } from "@/lib/types";

/** Reads `testdata/<name>.yaml`: one object as the API server returns it, status included. */
export function fixture(name: string): KubeObject {
  return parse(readFileSync(new URL(`./${name}.yaml`, import.meta.url), "utf8")) as KubeObject;
}
