/**
 * lib/appsets — app sets: apps generated from a config repository's layout, as Argo CD's
 * ApplicationSet. Pure parts: the spec (`schema.ts`), generators over a commit's tree, a list
 * or the known clusters (`generators.ts`, values in `params.ts`), `{{…}}` templates
 * (`template.ts`, `render.ts`), the plan of changes that is also the preview (`plan.ts`) and
 * progressive rollouts (`progressive.ts`). Git reads are in `git-tree.ts`; the engine runs
 * sets in lib/engine/app-sets.ts. docs/appsets.md describes them.
 */
export { appSetSpecSchema, appSetUpdateSchema, allowsDelete, allowsUpdate, APP_SET_POLICIES, type AppSetPolicy, type AppSetSpec, type AppSetUpdate, type Generator } from "./schema";
export { generate, GeneratorError, type ClusterTarget, type GeneratorInput } from "./generators";
export { renderApps, TemplateError, type GeneratedApp } from "./render";
export { planChanges, changedFields, type PlannedChange, type FieldChange, type ExistingApp } from "./plan";
export { rolloutOf, matchesStep, type RolloutState, type RolloutStep, type StepState } from "./progressive";
export { createAppSetGit, type AppSetGit, type CommitTree } from "./git-tree";
export { appSetStatusSchema, type AppSetStatus } from "./status";
