/**
 * The app set spec, validated with zod: which apps a set generates (its generator), what each
 * looks like (its template: an app spec whose strings may hold `{{…}}` placeholders), what the
 * set may do to the apps it owns (its policy) and, optionally, the order in which they are
 * synced (a progressive strategy). Shaped after Argo CD's ApplicationSet, written for Lockstep.
 */
import { z } from "zod";
import { dnsLabel, ignoreDifferencesSchema, repoUrlSchema } from "@/lib/apps/spec";
import { appSourceSchema } from "@/lib/apps/source-spec";

const REVISION = /^[A-Za-z0-9._\-/]+$/;
const LABEL_KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;

/** A glob over repository paths: relative, no `..`. */
const globPattern = z
  .string({ error: "A path pattern is required." })
  .trim()
  .min(1, "A path pattern must not be empty.")
  .max(500, "A path pattern must be at most 500 characters.")
  .refine((p) => !p.startsWith("/"), "A path pattern must be relative to the repository root.")
  .refine((p) => !p.split("/").includes(".."), "A path pattern must not contain '..' segments.");

/** One entry of a Git generator: a glob, and whether matches are left out instead of taken. */
const gitPathSchema = z.strictObject({
  path: globPattern,
  exclude: z.boolean().default(false),
});

/** Prefix of the `path…` keys, so two Git generators of one matrix do not give the same keys. */
const pathParamPrefix = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "pathParamPrefix must be a word: letters, digits and '_', starting with a letter.")
  .optional();

/** Git directories: one set of values per directory of the tree matching an include and no exclude glob. */
const gitDirectoriesSchema = z.strictObject({
  git: z.strictObject({
    directories: z.array(gitPathSchema).min(1, "A directories generator needs at least one path.").max(50, "A directories generator takes at most 50 paths."),
    pathParamPrefix,
  }),
});

/** Git files: one set of values per matching YAML or JSON file (its keys flattened with dots) — or per element when the file holds a list. */
const gitFilesSchema = z.strictObject({
  git: z.strictObject({
    files: z.array(gitPathSchema).min(1, "A files generator needs at least one path.").max(50, "A files generator takes at most 50 paths."),
    pathParamPrefix,
  }),
});

/** A literal list of value sets; nested objects are flattened with dots. */
const listSchema = z.strictObject({
  list: z.strictObject({
    elements: z.array(z.record(z.string(), z.unknown())).max(1000, "A list generator takes at most 1000 elements."),
  }),
});

/** One value set per destination cluster the engine knows (`local`, registered clusters, kubeconfig contexts). */
const clustersSchema = z.strictObject({
  clusters: z.strictObject({
    /** Only these clusters, by name; absent means every one. */
    names: z.array(z.string().min(1)).max(200).optional(),
  }),
});

/** A generator that is not a matrix. */
export const simpleGeneratorSchema = z.union([gitDirectoriesSchema, gitFilesSchema, listSchema, clustersSchema], {
  error: "A generator must be one of git (directories or files), list, clusters or matrix.",
});

/** The product of two generators; the second's strings may use the first's values. */
const matrixSchema = z.strictObject({
  matrix: z.strictObject({
    generators: z.array(simpleGeneratorSchema).length(2, "A matrix generator takes exactly two generators."),
  }),
});

/** Any generator. */
export const generatorSchema = z.union([gitDirectoriesSchema, gitFilesSchema, listSchema, clustersSchema, matrixSchema], {
  error: "A generator must be one of git (directories or files), list, clusters or matrix.",
});

/** A generator as written. */
export type Generator = z.infer<typeof generatorSchema>;
/** A generator that is not a matrix. */
export type SimpleGenerator = z.infer<typeof simpleGeneratorSchema>;

/**
 * The template of each generated app: the fields of an app spec, strings with placeholders.
 * Checked again, as a hand-made app is, once rendered. `labels` are the set's own: progressive
 * steps select apps by them.
 */
export const appTemplateSchema = z.strictObject({
  name: z.string({ error: "The template needs a name." }).min(1, "The template needs a name.").max(253),
  /** @default the set's repository */
  repoUrl: z.string().max(2048).optional(),
  /** @default the set's revision */
  targetRevision: z.string().max(255).optional(),
  path: z.string().max(1024).default("."),
  destCluster: z.string().max(253).default("local"),
  destNamespace: z.string({ error: "The template needs a destNamespace." }).min(1, "The template needs a destNamespace.").max(253),
  automated: z.boolean().default(false),
  prune: z.boolean().default(false),
  selfHeal: z.boolean().default(false),
  createNamespace: z.boolean().default(false),
  refreshSeconds: z.number().int().min(1).max(86_400).nullable().optional(),
  historyLimit: z.number().int().min(1).max(1000).nullable().optional(),
  ignoreDifferences: ignoreDifferencesSchema.optional(),
  source: appSourceSchema.nullable().optional(),
  labels: z.record(z.string().regex(LABEL_KEY, "A label key must be letters, digits, '-', '_', '.' or '/'."), z.string().max(253)).default({}),
});

/** A template as written. */
export type AppTemplate = z.infer<typeof appTemplateSchema>;

/**
 * What the set may do to the apps it owns, as Argo CD's `applicationsSync`: `create-only`,
 * `create-update`, `create-delete` or `sync` (all three). Deletion only when the policy says so.
 */
export const APP_SET_POLICIES = ["create-only", "create-update", "create-delete", "sync"] as const;
export type AppSetPolicy = (typeof APP_SET_POLICIES)[number];

/** Whether `policy` lets the set update apps it generated before. */
export function allowsUpdate(policy: AppSetPolicy): boolean {
  return policy === "create-update" || policy === "sync";
}

/** Whether `policy` lets the set delete apps its generator no longer gives. */
export function allowsDelete(policy: AppSetPolicy): boolean {
  return policy === "create-delete" || policy === "sync";
}

/** One step of a progressive rollout: the apps whose labels match every entry of `matchLabels`. */
const stepSchema = z.strictObject({
  matchLabels: z
    .record(z.string().regex(LABEL_KEY, "A label key must be letters, digits, '-', '_', '.' or '/'."), z.string().max(253))
    .refine((labels) => Object.keys(labels).length > 0, "A step must match at least one label."),
});

/** A progressive rollout: steps synced in order, each once the previous one is Synced and Healthy. */
export const strategySchema = z.strictObject({
  steps: z.array(stepSchema).min(1, "A progressive strategy needs at least one step.").max(20, "A progressive strategy takes at most 20 steps."),
});

/** A progressive strategy as written. */
export type ProgressiveStrategy = z.infer<typeof strategySchema>;

/** An app set as a user writes it. */
export const appSetSpecSchema = z.object({
  name: dnsLabel("Name"),
  project: dnsLabel("Project").default("default"),
  repoUrl: repoUrlSchema,
  revision: z
    .string()
    .trim()
    .transform((r) => r || "HEAD")
    .refine((r) => REVISION.test(r) && !r.includes(".."), "Revision must be a branch, tag or commit SHA.")
    .default("HEAD"),
  generator: generatorSchema,
  template: appTemplateSchema,
  policy: z.enum(APP_SET_POLICIES, { error: `Policy must be one of ${APP_SET_POLICIES.join(", ")}.` }).default("create-update"),
  /** Keep the cluster objects of an app the set deletes (as Argo CD's `preserveResourcesOnDeletion`). */
  preserveResourcesOnDeletion: z.boolean().default(false),
  strategy: strategySchema.nullable().optional(),
});

/** A validated app set spec. */
export type AppSetSpec = z.infer<typeof appSetSpecSchema>;

/** An update replaces the whole spec but the name (generator and template go together). */
export const appSetUpdateSchema = appSetSpecSchema.omit({ name: true });

/** A validated update. */
export type AppSetUpdate = z.infer<typeof appSetUpdateSchema>;
