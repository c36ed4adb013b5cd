/**
 * The API's answers as the CLI reads them (JSON: dates are strings). Only the fields the CLI
 * shows are typed; `-o json|yaml` prints the whole object as the server sent it.
 */

/** An application with its last known status (`GET /api/apps/<name>`). */
export interface AppJson {
  name: string;
  project?: string;
  repoUrl: string;
  path: string;
  targetRevision: string;
  destNamespace: string;
  destCluster?: string | null;
  automated?: boolean;
  autoSyncPaused?: boolean;
  rolledBackTo?: string | null;
  status: {
    syncStatus: string;
    healthStatus: string;
    revision: string | null;
    revisionSubject?: string | null;
    reconciledAt?: string | null;
    conditions?: { type: string; message: string }[];
  };
}

/** A row of `GET /api/apps`. */
export interface AppRowJson extends AppJson {
  lastOperation: { phase: string; kind: string; startedAt: string; finishedAt: string | null } | null;
}

/** A page of `GET /api/apps`. */
export interface AppPageJson {
  rows: AppRowJson[];
  total: number;
  page: number;
  pageSize: number;
}

/** One resource's outcome in an operation. */
export interface ResourceResultJson {
  subject: string;
  action: string;
  message?: string;
  hook?: { phase: string; state: string };
}

/** An operation: a history entry (`GET …/history`, `…/operations/<id>`). */
export interface OperationJson {
  id: string;
  kind: string;
  phase: string;
  syncPhase?: string | null;
  message: string | null;
  revision: string | null;
  initiator: string;
  dryRun?: boolean;
  startedAt: string;
  finishedAt: string | null;
  rollbackOf?: string | null;
  results: ResourceResultJson[];
}

/** `GET …/diff`. */
export interface DiffJson {
  syncStatus: string;
  /** The commit compared: its SHA, subject, author and date. */
  revision: { sha: string; subject?: string } | null;
  conditions: { type: string; message: string }[];
  comparedAt: string;
  resources: { subject: string; status: string; state: string; changedPaths: string[]; diff: string; dryRunError?: string }[];
}

/** `POST …/rollback/commit`: the commit that made a rollback permanent. */
export interface RollbackCommitJson {
  commit: string;
  historyId: number | string;
  message: string;
}

/** The phases in which an operation still holds its app. */
export const ACTIVE_PHASES: ReadonlySet<string> = new Set(["Queued", "Running", "Terminating"]);
