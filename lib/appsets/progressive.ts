/**
 * A progressive rollout, as Argo CD's RollingSync: the set's apps are cut into ordered steps by
 * their labels, and a step is synced only once every app of the steps before it is Synced and
 * Healthy. Pure: given the apps' states, it says where the rollout stands and which apps to
 * sync now; the engine does the syncing.
 */
import type { HealthStatus, SyncStatus } from "@/lib/types";
import type { ProgressiveStrategy } from "./schema";

/** One generated app as the rollout sees it. */
export interface RolloutApp {
  name: string;
  labels: Readonly<Record<string, string>>;
  syncStatus: SyncStatus;
  healthStatus: HealthStatus;
  /** True while an operation of the app is queued or running. */
  busy: boolean;
}

/** Where one step stands. */
export type StepState = "Done" | "Progressing" | "Waiting";

/** One step of the rollout with its apps. */
export interface RolloutStep {
  index: number;
  matchLabels: Readonly<Record<string, string>>;
  state: StepState;
  apps: { name: string; syncStatus: SyncStatus; healthStatus: HealthStatus; busy: boolean }[];
}

/** The whole rollout: its steps, the apps no step selects (never synced by it), and what to sync now. */
export interface RolloutState {
  steps: RolloutStep[];
  unmatched: string[];
  /** The apps of the first unfinished step that are OutOfSync and idle. */
  toSync: string[];
}

/** True when every label of `matchLabels` is on the app with that value. */
export function matchesStep(labels: Readonly<Record<string, string>>, matchLabels: Readonly<Record<string, string>>): boolean {
  return Object.entries(matchLabels).every(([key, value]) => labels[key] === value);
}

const isDone = (app: RolloutApp) => !app.busy && app.syncStatus === "Synced" && app.healthStatus === "Healthy";

/**
 * The rollout of `apps` by `strategy`. An app belongs to the first step it matches. A step is
 * Done when all its apps are Synced and Healthy; the first step that is not is Progressing, and
 * those after it are Waiting — nothing of theirs is synced, however long the earlier step takes.
 */
export function rolloutOf(strategy: ProgressiveStrategy, apps: readonly RolloutApp[]): RolloutState {
  const placed = new Set<string>();
  let blocked = false;
  const toSync: string[] = [];
  const steps = strategy.steps.map((step, index): RolloutStep => {
    const members = apps.filter((app) => !placed.has(app.name) && matchesStep(app.labels, step.matchLabels));
    members.forEach((app) => placed.add(app.name));
    let state: StepState;
    if (blocked) state = "Waiting";
    else if (members.every(isDone)) state = "Done";
    else {
      state = "Progressing";
      blocked = true;
      toSync.push(...members.filter((app) => !app.busy && app.syncStatus === "OutOfSync").map((app) => app.name));
    }
    return { index, matchLabels: step.matchLabels, state, apps: members.map(({ name, syncStatus, healthStatus, busy }) => ({ name, syncStatus, healthStatus, busy })) };
  });
  return { steps, unmatched: apps.filter((app) => !placed.has(app.name)).map((app) => app.name), toSync };
}
