/**
 * Why a project refuses something, as data: the rule that refused it and one sentence naming
 * the project, shown next to the resource or returned by the API.
 */

/** The project rule behind a refusal. */
export type RefusalRule = "cluster-resource" | "namespaced-resource" | "destination" | "source" | "sync-window";

/** A project's "no": which rule said it, and a one-sentence message naming the project. */
export interface Refusal {
  rule: RefusalRule;
  /** E.g. `ClusterRoleBinding is not permitted in project team-a.` */
  message: string;
}

/** The app fields the project rules look at. */
export interface ProjectApp {
  name: string;
  destCluster: string;
  destNamespace: string;
}
