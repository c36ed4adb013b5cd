import { parse } from "yaml";
import type { KubeObject } from "@/lib/types";

/** Parses one YAML document of a fixture into an object. */
export function parseObject(text: string): KubeObject {
  return parse(text) as KubeObject;
}
