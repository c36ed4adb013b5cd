/**
 * An app's `source` block, validated field by field: the source type (Directory, Kustomize,
 * Helm; detected from the path when absent) and each type's options, spelled as Argo CD's
 * Application `source` spells them (`directory.recurse`, `helm.valueFiles`, `helm.values`,
 * `helm.parameters`, `helm.releaseName`, `helm.skipCrds` becomes `includeCrds`, `helm.skipTests`).
 */
import { parse } from "yaml";
import { z } from "zod";

import { SOURCE_TYPES } from "@/lib/source/source-spec";

/** Helm's release name rule: a DNS-1123 subdomain of at most 53 characters. */
const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A values file: a path inside the repository (relative to the chart, or `/` for the repository root), never a URL. */
const valueFile = z
  .string({ error: "Each Helm values file must be a path." })
  .trim()
  .min(1, "A Helm values file name is empty.")
  .refine((name) => !/^[a-z][a-z0-9+.-]+:/i.test(name), "Helm values files must be paths inside the repository, not URLs.")
  .refine((name) => !name.split("/").includes(".."), "Helm values files must not contain '..' segments.");

/** Inline values: YAML text that holds a mapping, or an object. */
const inlineValues = z.union([
  z.string().refine((text) => {
    try {
      const parsed: unknown = parse(text, { maxAliasCount: 100 });
      return parsed === null || parsed === undefined || (typeof parsed === "object" && !Array.isArray(parsed));
    } catch {
      return false;
    }
  }, "Helm values must be YAML holding a mapping of values."),
  z.record(z.string(), z.unknown()),
], { error: "Helm values must be YAML text or an object." });

const helmParameter = z.object({
  name: z
    .string({ error: "Each Helm parameter needs a name." })
    .trim()
    .min(1, "Each Helm parameter needs a name.")
    .refine((name) => !/[=,\s]/.test(name), "A Helm parameter name may not contain '=', ',' or spaces."),
  value: z.string({ error: "Each Helm parameter needs a value (a string)." }),
  forceString: z.boolean({ error: "forceString must be true or false." }).optional(),
});

/** A Helm source's options. */
export const helmSourceSchema = z.strictObject(
  {
    releaseName: z
      .string()
      .trim()
      .max(53, "The Helm release name must be at most 53 characters.")
      .regex(RELEASE_NAME, "The Helm release name must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.")
      .optional(),
    valueFiles: z.array(valueFile, { error: "Helm valueFiles must be a list of paths." }).max(50, "At most 50 Helm values files.").optional(),
    values: inlineValues.optional(),
    parameters: z.array(helmParameter, { error: "Helm parameters must be a list of { name, value }." }).max(500, "At most 500 Helm parameters.").optional(),
    includeCrds: z.boolean({ error: "includeCrds must be true or false." }).optional(),
    skipTests: z.boolean({ error: "skipTests must be true or false." }).optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown Helm option: ${issue.keys.join(", ")}.` : "The Helm options must be an object.") },
);

/** An app's `source` block. */
export const appSourceSchema = z
  .strictObject(
    {
      type: z.enum(SOURCE_TYPES, { error: `Source type must be one of ${SOURCE_TYPES.join(", ")}.` }).optional(),
      directory: z.strictObject({ recurse: z.boolean({ error: "directory.recurse must be true or false." }).optional() }, { error: "The directory options must be { recurse }." }).optional(),
      helm: helmSourceSchema.optional(),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown source field: ${issue.keys.join(", ")}.` : "The source must be an object.") },
  )
  .refine((source) => !(source.helm && source.type && source.type !== "Helm"), { message: "Helm options are given but the source type is not Helm.", path: ["helm"] })
  .refine((source) => !(source.directory && source.type && source.type !== "Directory"), { message: "Directory options are given but the source type is not Directory.", path: ["directory"] });

/** A validated `source` block. */
export type AppSource = z.infer<typeof appSourceSchema>;
