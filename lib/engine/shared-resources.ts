/**
 * Which apps declare which objects, per cluster, from each app's latest render: two apps
 * declaring one object both get a `SharedResourceWarning` (as Argo CD warns), and only the
 * app its tracking annotation names may write it.
 *
 * Kept compact, as it holds one entry per declared object (20,000 at 1,000 apps of 20): an
 * object declared by one app maps to that app's name, a Set only once a second app declares
 * it, and each key string is stored once and shared by both indexes.
 */

/** The objects each app declared at its latest comparison. */
export class DeclaredResources {
  private readonly byObject = new Map<string, string | Set<string>>();
  private readonly byApp = new Map<string, string[]>();
  private readonly sharers = new Map<string, ReadonlySet<string>>();
  private readonly newly = new Map<string, string[]>();

  /**
   * Records what an app declares now (replacing what it declared before) and answers, per
   * subject it shares, the other apps declaring it.
   */
  record(app: string, cluster: string, subjects: readonly string[]): Map<string, string[]> {
    const before = this.sharers.get(app);
    this.forget(app);
    const keys = [...new Set(subjects)].map((subject) => `${cluster}\u0000${subject}`);
    this.byApp.set(app, keys);
    const shared = new Map<string, string[]>();
    for (const key of keys) {
      const others = this.add(key, app);
      if (others.length > 0) shared.set(key.slice(cluster.length + 1), others);
    }
    const sharers = new Set([...shared.values()].flat());
    if (sharers.size > 0) this.sharers.set(app, sharers);
    const newly = [...sharers].filter((other) => !before?.has(other));
    if (newly.length > 0) this.newly.set(app, newly);
    return shared;
  }

  /** The apps that share an object with `app` since its latest record and did not before: their warnings need a new look. */
  newlySharedWith(app: string): string[] {
    return this.newly.get(app) ?? [];
  }

  /** Forgets an app's declarations (it was deleted, or is about to record new ones). */
  forget(app: string): void {
    for (const key of this.byApp.get(app) ?? []) this.remove(key, app);
    this.byApp.delete(app);
    this.sharers.delete(app);
    this.newly.delete(app);
  }

  /** Adds `app` as a declarer of `key`; answers the other declarers, sorted. */
  private add(key: string, app: string): string[] {
    const apps = this.byObject.get(key);
    if (apps === undefined) {
      this.byObject.set(key, app);
      return [];
    }
    const set = typeof apps === "string" ? new Set([apps]) : apps;
    set.add(app);
    this.byObject.set(key, set);
    return [...set].filter((other) => other !== app).sort();
  }

  private remove(key: string, app: string): void {
    const apps = this.byObject.get(key);
    if (apps === app) this.byObject.delete(key);
    if (typeof apps !== "object") return;
    apps.delete(app);
    if (apps.size === 1) this.byObject.set(key, [...apps][0] as string);
  }
}
/** The warning's sentence for one shared object. */
export function sharedResourceMessage(subject: string, others: readonly string[]): string {
  return `${subject} is also declared by app${others.length > 1 ? "s" : ""} ${others.join(", ")}; only the app that owns it may change it.`;
}
