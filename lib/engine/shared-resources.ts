/**
 * Which apps declare which objects, per cluster, from each app's latest render: two apps
 * declaring one object both get a `SharedResourceWarning` (as Argo CD warns), and only the
 * app its tracking annotation names may write it.
 */

/** The objects each app declared at its latest comparison. */
export class DeclaredResources {
  private readonly byObject = new Map<string, Set<string>>();
  private readonly byApp = new Map<string, Set<string>>();
  private readonly sharers = new Map<string, Set<string>>();
  private readonly newly = new Map<string, string[]>();

  /**
   * Records what an app declares now (replacing what it declared before) and answers, per
   * subject it shares, the other apps declaring it.
   */
  record(app: string, cluster: string, subjects: readonly string[]): Map<string, string[]> {
    const before = this.sharers.get(app);
    this.forget(app);
    const keys = new Set(subjects.map((subject) => `${cluster}\u0000${subject}`));
    this.byApp.set(app, keys);
    const shared = new Map<string, string[]>();
    for (const subject of subjects) {
      const key = `${cluster}\u0000${subject}`;
      let apps = this.byObject.get(key);
      if (!apps) this.byObject.set(key, (apps = new Set()));
      apps.add(app);
      const others = [...apps].filter((other) => other !== app).sort();
      if (others.length > 0) shared.set(subject, others);
    }
    this.sharers.set(app, new Set([...shared.values()].flat()));
    this.newly.set(app, [...(this.sharers.get(app) ?? [])].filter((other) => !before?.has(other)));
    return shared;
  }

  /** The apps that share an object with `app` since its latest record and did not before: their warnings need a new look. */
  newlySharedWith(app: string): string[] {
    return this.newly.get(app) ?? [];
  }

  /** Forgets an app's declarations (it was deleted, or is about to record new ones). */
  forget(app: string): void {
    for (const key of this.byApp.get(app) ?? []) {
      const apps = this.byObject.get(key);
      apps?.delete(app);
      if (apps?.size === 0) this.byObject.delete(key);
    }
    this.byApp.delete(app);
    this.sharers.delete(app);
    this.newly.delete(app);
  }
}

/** The warning's sentence for one shared object. */
export function sharedResourceMessage(subject: string, others: readonly string[]): string {
  return `${subject} is also declared by app${others.length > 1 ? "s" : ""} ${others.join(", ")}; only the app that owns it may change it.`;
}
