import { z } from "zod";
import { parseJqPath, parseJsonPointer } from "@/lib/diff";

import { appSourceSchema } from "./source-spec";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GIT_URL = /^(https?:\/\/[^\s]+|ssh:\/\/[^\s]+|[\w.-]+@[\w.-]+:[^\s]+|file:\/\/[^\s]+)$/;
const REVISION = /^[A-Za-z0-9._\-/]+$/;

/** A DNS-1123 label: lowercase letters, digits and '-', at most 63 characters. */
export const dnsLabel = (what: string) =>
  z
    .string({ error: `${what} is required.` })
    .min(1, { message: `${what} is required.`, abort: true })
    .max(63, `${what} must be at most 63 characters.`)
    .regex(DNS1123_LABEL, `${what} must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit.`);

/** The path inside the repository: relative, without `..` segments. */
const repoPath = z
  .string()
  .trim()
  .transform((p) => p.replace(/^\.\/+/, "").replace(/\/+$/, "") || ".")
  .refine((p) => !p.startsWith("/"), "Path must be relative to the repository root.")
  .refine((p) => !p.split("/").includes(".."), "Path must not contain '..' segments.");

/**
 * The project an app belongs to, by name. Absent means `default` (lib/projects' DEFAULT_PROJECT,
 * spelled out here because lib/projects builds on this module).
 */
const projectName = dnsLabel("Project");

/** A branch, tag or commit; empty means `HEAD`. */
const targetRevision = z
  .string()
  .trim()
  .transform((r) => r || "HEAD")
  .refine((r) => REVISION.test(r) && !r.includes(".."), "Target revision must be a branch, tag or commit SHA.");

/** `local`, a registered cluster or a kubeconfig context; empty means `local`. */
const destCluster = z
  .string()
  .trim()
  .transform((c) => c || "local")
  .refine((c) => /^[\w.@:-]+$/.test(c), "Cluster must be 'local', a registered cluster's name or a kubeconfig context name.");

/** A list of field names checked entry by entry by `parse`, each error a sentence naming the entry. */
const checkedStrings = (parse: (text: string) => { ok: true } | { ok: false; error: string }) =>
  z.array(z.string()).max(100, "At most 100 entries are allowed.").superRefine((entries, ctx) => {
    entries.forEach((entry, index) => {
      const parsed = parse(entry);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error, path: [index] });
    });
  });

/**
 * One `ignoreDifferences` rule, as Argo CD spells it (lib/diff's `IgnoreRule`): the objects it
 * applies to and the fields it ignores. Unknown keys are refused, so a misspelt field never
 * silently ignores nothing.
 */
const ignoreRuleSchema = z
  .strictObject({
    group: z.string().trim().max(253, "Group must be at most 253 characters.").optional(),
    kind: z
      .string({ error: "Each ignoreDifferences rule needs a kind." })
      .trim()
      .regex(/^([A-Za-z][A-Za-z0-9]*|\*)$/, "Kind must be a Kubernetes kind such as Deployment, or * for any."),
    name: z.string().trim().min(1, "Name must not be empty; leave it out for every name.").max(253).optional(),
    namespace: z.string().trim().min(1, "Namespace must not be empty; leave it out for every namespace.").max(63).optional(),
    jsonPointers: checkedStrings(parseJsonPointer).optional(),
    jqPathExpressions: checkedStrings(parseJqPath).optional(),
    managedFieldsManagers: z
      .array(z.string().trim().min(1, "A field manager name must not be empty.").max(128, "A field manager name must be at most 128 characters."))
      .max(100, "At most 100 entries are allowed.")
      .optional(),
  })
  .superRefine((rule, ctx) => {
    const fields = (rule.jsonPointers?.length ?? 0) + (rule.jqPathExpressions?.length ?? 0) + (rule.managedFieldsManagers?.length ?? 0);
    if (fields === 0) {
      ctx.addIssue({ code: "custom", message: `The ignoreDifferences rule for ${rule.kind} names no field: give jsonPointers, jqPathExpressions or managedFieldsManagers.` });
    }
  });

/** `ignoreDifferences`: fields never compared (docs/sources.md). */
export const ignoreDifferencesSchema = z.array(ignoreRuleSchema).max(100, "At most 100 ignoreDifferences rules are allowed.");

/** A Git repository's URL as apps and app sets name it: http(s), ssh or file, without credentials. */
export const repoUrlSchema = z
  .string({ error: "Repository URL is required." })
  .trim()
  .min(1, { message: "Repository URL is required.", abort: true })
  .regex(GIT_URL, "Repository URL must be an http(s), ssh or file URL of a Git repository.")
  .refine((url) => !/^https?:\/\/[^/\s]*@/.test(url), "Repository URL must not contain credentials; add them as repository credentials instead.");

/** What a user says about an application: everything that is not status. */
export const appSpecSchema = z.object({
  name: dnsLabel("Name"),
  repoUrl: repoUrlSchema,
  targetRevision: targetRevision.default("HEAD"),
  path: repoPath.default("."),
  destCluster: destCluster.default("local"),
  destNamespace: dnsLabel("Namespace"),
  automated: z.boolean().default(false),
  prune: z.boolean().default(false),
  selfHeal: z.boolean().default(false),
  createNamespace: z.boolean().default(false),
  /** History entries to keep; null or absent uses LOCKSTEP_HISTORY_LIMIT or 50. */
  historyLimit: z
    .number({ error: "History limit must be a whole number." })
    .int("History limit must be a whole number.")
    .min(1, "History limit must be at least 1.")
    .max(1000, "History limit must be at most 1000.")
    .nullable()
    .optional(),
  /** Seconds between two polls of the repository; null or absent uses LOCKSTEP_REFRESH_SECONDS or 180. */
  refreshSeconds: z
    .number({ error: "Refresh interval must be a whole number of seconds." })
    .int("Refresh interval must be a whole number of seconds.")
    .min(1, "Refresh interval must be at least 1 second.")
    .max(86_400, "Refresh interval must be at most 86400 seconds (a day).")
    .nullable()
    .optional(),
  /** The project whose rules the app follows; it must exist. */
  project: projectName.default("default"),
  /** Fields left out of every comparison of the app's objects, as Argo CD's `ignoreDifferences`; absent means none. */
  ignoreDifferences: ignoreDifferencesSchema.optional(),
  /** How the path is rendered (type and options, as Argo CD's `source`); null or absent detects the type, with no options. */
  source: appSourceSchema.nullable().optional(),
});

/** A validated application spec. */
export type AppSpec = z.infer<typeof appSpecSchema>;

const spec = appSpecSchema.shape;

/**
 * The fields an update may change (everything but the name). Unlike `.partial()`, a field the
 * update leaves out stays absent instead of taking its default, so a PATCH changes only what it
 * names (a PATCH of `automated` must not move the app back to `HEAD` or `local`).
 */
export const appUpdateSchema = z.object({
  repoUrl: spec.repoUrl.optional(),
  targetRevision: targetRevision.optional(),
  path: repoPath.optional(),
  destCluster: destCluster.optional(),
  destNamespace: spec.destNamespace.optional(),
  automated: spec.automated.unwrap().optional(),
  prune: spec.prune.unwrap().optional(),
  selfHeal: spec.selfHeal.unwrap().optional(),
  createNamespace: spec.createNamespace.unwrap().optional(),
  historyLimit: spec.historyLimit,
  refreshSeconds: spec.refreshSeconds,
  project: projectName.optional(),
  ignoreDifferences: ignoreDifferencesSchema.optional(),
  source: spec.source,
});

/** A validated partial update. */
export type AppUpdate = z.infer<typeof appUpdateSchema>;

/** One field's problem, for showing next to that field in a form. */
export interface FieldError {
  field: string;
  message: string;
}

/** Flattens a zod error into field-by-field messages. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", message: issue.message }));
}
