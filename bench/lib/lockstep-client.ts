/**
 * Lockstep as its users drive it: the REST API of a running production server, called through
 * the test helper `api()` (which takes care of authentication).
 */
import { api, type DiffBody, type OperationBody } from "@/test/helpers/lockstep-api";
import { sleep } from "./stats";

/** The fields of an app the benchmark reads. */
export interface AppBody {
  name: string;
  status: { syncStatus: string; revision: string | null };
}

/** What an app is created with. */
export interface BenchAppSpec {
  name: string;
  repoUrl: string;
  path: string;
  destNamespace: string;
  targetRevision?: string;
}

/** A Lockstep API call that did not answer what the benchmark needs. */
export class LockstepCallError extends Error {
  override name = "LockstepCallError";
}

/** The Lockstep REST API of one server. */
export class LockstepClient {
  constructor(readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown, okStatuses: number[] = [200]): Promise<T> {
    const result = await api<T>(this.baseUrl, method, path, body);
    if (!okStatuses.includes(result.status)) {
      throw new LockstepCallError(`${method} ${path} answered ${result.status}: ${result.text.slice(0, 300)}`);
    }
    return result.body;
  }

  /** Creates an app (manual sync, no prune, namespace made by the benchmark). */
  createApp(spec: BenchAppSpec): Promise<AppBody> {
    return this.call<AppBody>("POST", "/api/apps", { targetRevision: "main", createNamespace: false, ...spec }, [201]);
  }

  /** The app and its stored status. */
  getApp(name: string): Promise<AppBody> {
    return this.call<AppBody>("GET", `/api/apps/${name}`);
  }

  /** Compares the app with Git and the cluster now. */
  refresh(name: string): Promise<AppBody> {
    return this.call<AppBody>("POST", `/api/apps/${name}/refresh`);
  }

  /** Compares many apps now, as one cycle (`POST /api/refresh`); answers each one's status. */
  refreshMany(names: readonly string[]): Promise<{ apps: { name: string; syncStatus: string; error?: string }[] }> {
    return this.call("POST", "/api/refresh", { apps: names });
  }

  /** The diff of the app, compared afresh. */
  diff(name: string): Promise<DiffBody> {
    return this.call<DiffBody>("GET", `/api/apps/${name}/diff?refresh=true`);
  }

  /** Syncs the app and throws unless the operation succeeded. */
  async sync(name: string): Promise<OperationBody> {
    const operation = await this.call<OperationBody>("POST", `/api/apps/${name}/sync?wait=true`, {});
    if (operation.phase !== "Succeeded") throw new LockstepCallError(`The sync of ${name} ended ${operation.phase}: ${operation.message ?? ""}`);
    return operation;
  }

  /** A page of the Applications list, as the API serves it, optionally searched (`q`). */
  listApps(page: number, pageSize: number, search?: string, sync?: string): Promise<{ rows: AppBody[]; total: number }> {
    const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize), ...(search ? { q: search } : {}), ...(sync ? { sync } : {}) });
    return this.call("GET", `/api/apps?${query}`);
  }

  /** One operation of an app. */
  getOperation(name: string, id: string): Promise<OperationBody> {
    return this.call<OperationBody>("GET", `/api/apps/${name}/operations/${id}`);
  }

  /** Calls any route; answers the status and body without judging them. */
  raw(method: string, path: string, body?: unknown) {
    return api(this.baseUrl, method, path, body);
  }

  /**
   * Polls the app's stored status every `intervalMs` until it is `syncStatus`; answers the
   * `performance.now()` of the first answer that showed it.
   */
  async waitForSyncStatus(name: string, syncStatus: string, options: { timeoutMs: number; intervalMs?: number }): Promise<number> {
    const deadline = performance.now() + options.timeoutMs;
    for (;;) {
      const app = await this.getApp(name);
      const seenAt = performance.now();
      if (app.status.syncStatus === syncStatus) return seenAt;
      if (seenAt > deadline) throw new LockstepCallError(`${name} was not ${syncStatus} within ${options.timeoutMs} ms (still ${app.status.syncStatus}).`);
      await sleep(options.intervalMs ?? 50);
    }
  }
}
