/**
 * What runs in a stage: the container images of the workloads an app tracks (Deployments,
 * StatefulSets, DaemonSets, CronJobs, Jobs), read from their live pod templates — the
 * "freight" a promotion carries on, in Kargo's words.
 */
import { splitImageReference } from "@/lib/cd/image-update";
import type { KubeObject } from "@/lib/types";

/** An image reference split into repository, tag and digest. */
export interface ImageReference {
  /** e.g. `registry.example.com/team/guestbook` */
  repository: string;
  tag?: string;
  digest?: string;
}

/** One image running in a stage, and where. */
export interface LiveImage extends ImageReference {
  /** The reference as the pod template writes it. */
  reference: string;
  /** The workloads and containers running it: `Deployment/guestbook:web`. */
  containers: string[];
}

/** The kinds whose pod templates are read, and where the template sits in each. */
const POD_TEMPLATE_PATHS: Record<string, readonly string[]> = {
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};

/** True for the kinds whose images a stage is said to run. */
export function isWorkloadKind(kind: string): boolean {
  return kind in POD_TEMPLATE_PATHS;
}

/** Splits `repository[:tag][@digest]` as set-image does (see `splitImageReference`). */
export function parseImageReference(reference: string): ImageReference {
  return splitImageReference(reference);
}

/** `repository[:tag][@digest]` of a reference. */
export function formatImageReference(image: ImageReference): string {
  return `${image.repository}${image.tag ? `:${image.tag}` : ""}${image.digest ? `@${image.digest}` : ""}`;
}

function podSpecOf(object: KubeObject): Record<string, unknown> | undefined {
  const path = POD_TEMPLATE_PATHS[object.kind];
  if (!path) return undefined;
  let node: unknown = object;
  for (const key of path) node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  return node && typeof node === "object" ? (node as Record<string, unknown>) : undefined;
}

function containersOf(podSpec: Record<string, unknown>): { name: string; image: string }[] {
  const lists = [podSpec.initContainers, podSpec.containers];
  return lists.flatMap((list) =>
    Array.isArray(list)
      ? list.filter((c): c is { name: string; image: string } => typeof c?.image === "string" && c.image !== "").map((c) => ({ name: String(c.name ?? ""), image: c.image }))
      : [],
  );
}

/**
 * The distinct images the workloads among `objects` run, sorted by reference; objects of other
 * kinds are ignored. Workloads owned by another workload (a Job of a CronJob, a ReplicaSet of a
 * Deployment) are skipped: their owner says what runs.
 */
export function liveImagesOf(objects: readonly KubeObject[]): LiveImage[] {
  const byReference = new Map<string, LiveImage>();
  for (const object of objects) {
    const podSpec = podSpecOf(object);
    const owners = object.metadata.ownerReferences;
    if (!podSpec || (Array.isArray(owners) && owners.some((owner: { controller?: boolean }) => owner?.controller))) continue;
    for (const container of containersOf(podSpec)) {
      const entry = byReference.get(container.image) ?? { ...parseImageReference(container.image), reference: container.image, containers: [] };
      entry.containers.push(`${object.kind}/${object.metadata.name}:${container.name}`);
      byReference.set(container.image, entry);
    }
  }
  return [...byReference.values()].sort((a, b) => a.reference.localeCompare(b.reference));
}

/** A stable key of a set of images, to promote one set into a stage once. */
export function imagesKey(images: readonly { reference: string }[]): string {
  return [...new Set(images.map((image) => image.reference))].sort().join(",");
}
