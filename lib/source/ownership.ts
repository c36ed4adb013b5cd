/**
 * Marks rendered objects as the app's: the namespace they will live in, the
 * app label, and the tracking annotation — Argo CD's annotation tracking
 * (`<app>:<group>/<kind>:<namespace>/<name>`), which unlike a label survives
 * the object being copied by another tool and tells Lockstep which app owns it.
 */
import { APP_LABEL, TRACKING_ANNOTATION, keyOf, trackingIdOf, type KubeObject } from "@/lib/types";

/** Options for {@link claimObject}. */
export interface ClaimOptions {
  /** The app that owns the object. */
  appName: string;
  /** Namespace given to namespaced objects that name none. */
  destNamespace: string;
  /** Whether the object's kind is namespaced. */
  isNamespaced: boolean;
}

/**
 * Returns a copy of `object` with its namespace settled — defaulted to
 * `destNamespace` when namespaced and unset, removed when cluster-scoped (the
 * API server ignores it there, as `kubectl apply` does) — and with the app
 * label and tracking annotation set.
 */
export function claimObject(object: KubeObject, options: ClaimOptions): KubeObject {
  const { name, namespace: written, ...rest } = object.metadata;
  const namespace = options.isNamespaced ? written || options.destNamespace || undefined : undefined;
  const settled: KubeObject = { ...object, metadata: { name, ...(namespace ? { namespace } : {}), ...rest } };
  return {
    ...settled,
    metadata: {
      ...settled.metadata,
      labels: { ...(settled.metadata.labels ?? {}), [APP_LABEL]: options.appName },
      annotations: {
        ...(settled.metadata.annotations ?? {}),
        [TRACKING_ANNOTATION]: trackingIdOf(options.appName, keyOf(settled)),
      },
    },
  };
}
