import { trackedAppOf, type KubeObject } from "@/lib/types";

/** An owner reference as the API writes it. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

/** The uid of an object, if it has one. */
export function uidOf(obj: KubeObject): string | undefined {
  const uid = obj.metadata.uid;
  return typeof uid === "string" && uid !== "" ? uid : undefined;
}

/** The owner references of an object (empty when none). */
export function ownerReferencesOf(obj: KubeObject): OwnerReference[] {
  const refs = obj.metadata.ownerReferences;
  return Array.isArray(refs) ? (refs as OwnerReference[]).filter((r) => typeof r?.uid === "string") : [];
}

/**
 * Every cached object by uid, the children of each uid by their ownerReferences — the index
 * behind the resource tree (Deployment → ReplicaSet → Pod), as Argo CD's cluster cache keeps
 * one — and the objects each app's tracking annotation claims, so finding an app's objects
 * does not walk every object of a kind. Owners need not be cached for their children to be
 * indexed.
 */
export class OwnerIndex {
  private readonly byUid = new Map<string, KubeObject>();
  private readonly children = new Map<string, Set<string>>();
  private readonly tracked = new Map<string, Set<string>>();

  /** Indexes a new or changed object, replacing what was known under its uid. */
  upsert(obj: KubeObject): void {
    const uid = uidOf(obj);
    if (!uid) return;
    const previous = this.byUid.get(uid);
    if (previous) this.unlink(uid, previous);
    this.byUid.set(uid, obj);
    for (const ref of ownerReferencesOf(obj)) {
      let set = this.children.get(ref.uid);
      if (!set) this.children.set(ref.uid, (set = new Set()));
      set.add(uid);
    }
    const app = trackedAppOf(obj);
    if (app !== undefined) {
      let set = this.tracked.get(app);
      if (!set) this.tracked.set(app, (set = new Set()));
      set.add(uid);
    }
  }

  /** Forgets a deleted object. */
  remove(obj: KubeObject): void {
    const uid = uidOf(obj);
    if (!uid) return;
    const previous = this.byUid.get(uid);
    if (!previous) return;
    this.unlink(uid, previous);
    this.byUid.delete(uid);
  }

  /** The cached object with this uid. */
  get(uid: string): KubeObject | undefined {
    return this.byUid.get(uid);
  }

  /** The cached objects whose tracking annotation names `app` (whether or not the app still wants them). */
  trackedBy(app: string): KubeObject[] {
    const set = this.tracked.get(app);
    if (!set) return [];
    return [...set].map((uid) => this.byUid.get(uid)).filter((o): o is KubeObject => o !== undefined);
  }

  /** The cached objects that name `uid` as an owner. */
  childrenOf(uid: string): KubeObject[] {
    const set = this.children.get(uid);
    if (!set) return [];
    return [...set].map((child) => this.byUid.get(child)).filter((o): o is KubeObject => o !== undefined);
  }

  /**
   * The chain of cached owners above an object, nearest first, following the controller
   * reference (or the first one); stops at an owner that is not cached or at a cycle.
   */
  ownersOf(obj: KubeObject): KubeObject[] {
    const chain: KubeObject[] = [];
    const seen = new Set<string>();
    let current: KubeObject | undefined = obj;
    while (current) {
      const refs = ownerReferencesOf(current);
      const ref = refs.find((r) => r.controller) ?? refs[0];
      if (!ref || seen.has(ref.uid)) break;
      seen.add(ref.uid);
      current = this.byUid.get(ref.uid);
      if (current) chain.push(current);
    }
    return chain;
  }

  private unlink(uid: string, obj: KubeObject): void {
    for (const ref of ownerReferencesOf(obj)) {
      const set = this.children.get(ref.uid);
      set?.delete(uid);
      if (set?.size === 0) this.children.delete(ref.uid);
    }
    const app = trackedAppOf(obj);
    const set = app === undefined ? undefined : this.tracked.get(app);
    set?.delete(uid);
    if (app !== undefined && set?.size === 0) this.tracked.delete(app);
  }
}
