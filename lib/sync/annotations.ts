/**
 * The annotations a manifest uses to steer its sync, read as Argo CD users write them
 * (`argocd.argoproj.io/…`) and under Lockstep's own prefix (`lockstep.dev/…`), which wins when
 * both are set — so a repository written for Argo CD works unchanged.
 */
import { LOCKSTEP_PREFIX, type KubeObject } from "@/lib/types";

/** Argo CD's annotation prefix. */
export const ARGOCD_PREFIX = "argocd.argoproj.io/";

/** The value of `lockstep.dev/<name>`, else `argocd.argoproj.io/<name>`, trimmed; undefined when neither is set. */
export function steeringAnnotation(obj: Pick<KubeObject, "metadata">, name: string): string | undefined {
  const annotations = obj.metadata.annotations ?? {};
  return (annotations[`${LOCKSTEP_PREFIX}${name}`] ?? annotations[`${ARGOCD_PREFIX}${name}`])?.trim();
}

/**
 * The options of a comma-separated `Key=Value` list (`Prune=false,ServerSideApply=true`), by
 * key; a bare word counts as `true`. Later entries win.
 */
export function parseOptionList(raw: string | undefined): ReadonlyMap<string, string> {
  const options = new Map<string, string>();
  for (const entry of (raw ?? "").split(",")) {
    const [key = "", ...value] = entry.split("=");
    if (key.trim()) options.set(key.trim(), value.length > 0 ? value.join("=").trim() : "true");
  }
  return options;
}

/** The sync options Lockstep honours, as Argo CD spells them in `sync-options`. */
export interface SyncOptions {
  /** `Prune=false`: never delete the object when it leaves Git. */
  noPrune: boolean;
  /** `Delete=false`: keep the object when its app is deleted with its resources. */
  noDelete: boolean;
  /** `PruneLast=true`: delete it after every other prune, as a last step. */
  pruneLast: boolean;
  /** `Replace=true`: write it with replace (create when missing) instead of server-side apply. */
  replace: boolean;
  /** `Validate=false`: let the API server drop unknown fields instead of refusing them. */
  skipValidation: boolean;
  /** `CreateNamespace=true`: create the object's namespace first when it does not exist. */
  createNamespace: boolean;
}

/** Reads `sync-options` (see {@link SyncOptions}); `ServerSideApply=true` is how Lockstep always applies. */
export function syncOptionsOf(obj: Pick<KubeObject, "metadata">): SyncOptions {
  const options = parseOptionList(steeringAnnotation(obj, "sync-options"));
  const is = (key: string, value: string) => options.get(key)?.toLowerCase() === value;
  return {
    noPrune: is("Prune", "false"),
    noDelete: is("Delete", "false"),
    pruneLast: is("PruneLast", "true"),
    replace: is("Replace", "true"),
    skipValidation: is("Validate", "false"),
    createNamespace: is("CreateNamespace", "true"),
  };
}

/**
 * `compare-options: IgnoreExtraneous`: a live object that left Git does not make its app
 * OutOfSync (it is still listed, and still pruned when pruning is on).
 */
export function ignoresExtraneous(obj: Pick<KubeObject, "metadata">): boolean {
  return parseOptionList(steeringAnnotation(obj, "compare-options")).get("IgnoreExtraneous")?.toLowerCase() === "true";
}
