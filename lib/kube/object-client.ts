import {
  ApiException,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
  type ResponseContext,
} from "@kubernetes/client-node";
import { FIELD_MANAGER, type KubeObject } from "@/lib/types";
import { isNotFound } from "./errors";
import { LIST_PAGE_SIZE, paginate, type ListPage } from "./paginate";
import { abandonOnAbort } from "./abandon-on-abort";
import { sharedConnections } from "./shared-connections";

/** How a kind is served by the API: its plural resource name and whether it is namespaced. */
export interface ResourceInfo {
  resource: string;
  namespaced: boolean;
  verbs: string[];
}

/** Options of a server-side apply. */
export interface ApplyOptions {
  /** Only validate and compute the result; persist nothing. @default false */
  dryRun?: boolean;
  /** Take over fields owned by other managers, as `kubectl apply --server-side --force-conflicts`. @default true */
  force?: boolean;
  /** Aborts the request (an operation terminated, a step failed). */
  signal?: AbortSignal;
  /** The field manager to apply as. @default Lockstep's (`lockstep`) */
  fieldManager?: string;
  /**
   * Refuse unknown or duplicate fields (`Strict`, as `kubectl apply` does), or let the server
   * drop them (`false`: `Validate=false`). @default true
   */
  validate?: boolean;
}

/** Options of a replace. */
export interface ReplaceOptions {
  /** Only validate and compute the result; persist nothing. @default false */
  dryRun?: boolean;
  /** Aborts the request. */
  signal?: AbortSignal;
  /** As for {@link ApplyOptions.validate}. @default true */
  validate?: boolean;
}

/** What a cluster says about itself, as Helm's `.Capabilities` reads it. */
export interface ServerCapabilities {
  /** The server's version, e.g. `v1.31.2`. */
  kubeVersion?: string;
  /** Every group/version served, e.g. `v1`, `apps/v1`. */
  apiVersions?: string[];
}

/** How long the server's version and API versions are remembered by a client: 5 minutes. */
export const CAPABILITIES_TTL_MS = 5 * 60_000;

/** How long reading them may take before a render goes on without them: 5 s. */
export const CAPABILITIES_TIMEOUT_MS = 5_000;

/** How soon a client asks again after the server could not say: 30 s. */
export const CAPABILITIES_RETRY_MS = 30_000;

/** Options every request of the client takes. */
export interface RequestOptions {
  /** Aborts the request. */
  signal?: AbortSignal;
}

/** How long one API request may take before it is given up, unless the client was told otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

type HttpMethod = "GET" | "PATCH" | "PUT" | "POST" | "DELETE";

/** The query of a write: a dry run, and how strictly the server checks fields. */
function writeQuery(options: { dryRun?: boolean; validate?: boolean }): Record<string, string> {
  return { fieldValidation: options.validate === false ? "Ignore" : "Strict", ...(options.dryRun ? { dryRun: "All" } : {}) };
}

/**
 * What `specUriPath` reads of an object to build its URL (API version, kind, name, namespace),
 * as a new object it may fill in with defaults: copying the whole object for that would cost a
 * comparison's dry run more than the path itself.
 */
function addressOf(obj: Pick<KubeObject, "apiVersion" | "kind"> & { metadata: { name?: string; namespace?: string } }): KubernetesObject {
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace } };
}

/**
 * A dynamic client for any kind that speaks raw JSON both ways, so no field is dropped or
 * reshaped by the generated models (the stock KubernetesObjectApi deserializes known kinds
 * into classes). Discovery results are cached per apiVersion by the base class.
 */
export class KubeObjectClient extends KubernetesObjectApi {
  /** How long one request may take; every request is aborted after it. */
  requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;

  private knownCapabilities?: { until: number; answer: Promise<ServerCapabilities> };

  /** A client for the given configuration, defaulting namespaces from its context. */
  static forConfig(kc: KubeConfig): KubeObjectClient {
    return KubeObjectClient.prepare(kc.makeApiClient(KubeObjectClient), kc);
  }

  /** Sets up a new client: default namespace from the context, one connection pool for all its requests. */
  protected static prepare<C extends KubeObjectClient>(client: C, kc: KubeConfig): C {
    client.setDefaultNamespace(kc);
    client.configuration.middleware.push(sharedConnections());
    return client;
  }

  /** The served resource of a kind, or undefined when the cluster does not know it. */
  async describeKind(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const found = await this.resource(apiVersion, kind);
    return found ? { resource: found.name, namespaced: found.namespaced, verbs: found.verbs } : undefined;
  }

  /**
   * The server's version and served API versions (`/version`, `/api`, `/apis`), remembered for
   * {@link CAPABILITIES_TTL_MS}; empty when the server cannot say within
   * {@link CAPABILITIES_TIMEOUT_MS} (remembered for {@link CAPABILITIES_RETRY_MS}), as a chart
   * then renders with Helm's defaults rather than waiting on or failing with the cluster.
   */
  async capabilities(now: number = Date.now()): Promise<ServerCapabilities> {
    if (this.knownCapabilities && now < this.knownCapabilities.until) return this.knownCapabilities.answer;
    const answer = this.readCapabilities(now);
    this.knownCapabilities = { until: now + CAPABILITIES_TTL_MS, answer };
    return answer;
  }

  private async readCapabilities(now: number): Promise<ServerCapabilities> {
    const signal = AbortSignal.timeout(CAPABILITIES_TIMEOUT_MS);
    try {
      const [version, core, groups] = await Promise.all([
        this.send<{ gitVersion?: string }>("GET", "/version", { signal }),
        this.send<{ versions?: string[] }>("GET", "/api", { signal }),
        this.send<{ groups?: { versions?: { groupVersion?: string }[] }[] }>("GET", "/apis", { signal }),
      ]);
      const grouped = (groups.groups ?? []).flatMap((group) => (group.versions ?? []).flatMap((v) => (v.groupVersion ? [v.groupVersion] : [])));
      return { kubeVersion: version.gitVersion, apiVersions: [...(core.versions ?? []), ...grouped].sort() };
    } catch {
      if (this.knownCapabilities) this.knownCapabilities.until = now + CAPABILITIES_RETRY_MS;
      return {};
    }
  }

  /**
   * Server-side apply with Lockstep's field manager; returns the object the server produced.
   * With `validate: false` it is a merge patch instead (created when missing), as `kubectl
   * apply --validate=false` is client-side: server-side apply refuses fields the schema does not
   * declare whatever the validation asked, a merge patch lets the server drop them.
   */
  async applyObject(obj: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    if (options.validate === false) return this.mergeObject(obj, options);
    const path = await this.specUriPath(addressOf(obj), "patch");
    const query: Record<string, string> = { fieldManager: options.fieldManager ?? FIELD_MANAGER, force: String(options.force ?? true), ...writeQuery(options) };
    return this.send("PATCH", path, { query, body: obj, contentType: PatchStrategy.ServerSideApply, signal: options.signal });
  }

  /**
   * Replaces the object whole (`kubectl replace`, for `Replace=true`): fields it does not name
   * are removed, whoever wrote them; creates it when it does not exist.
   */
  async replaceObject(obj: KubeObject, options: ReplaceOptions = {}): Promise<KubeObject> {
    const query = { fieldManager: FIELD_MANAGER, ...writeQuery(options) };
    const path = await this.specUriPath(addressOf(obj), "replace");
    try {
      return await this.send("PUT", path, { query, body: obj, signal: options.signal });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const collection = await this.specUriPath(addressOf(obj), "create");
    return this.send("POST", collection, { query, body: obj, signal: options.signal });
  }

  /** Creates the object; a 409 when it exists already. */
  async createObject(obj: KubeObject, options: RequestOptions = {}): Promise<KubeObject> {
    const collection = await this.specUriPath(addressOf(obj), "create");
    return this.send("POST", collection, { query: { fieldManager: FIELD_MANAGER, ...writeQuery({}) }, body: obj, signal: options.signal });
  }

  /** A JSON merge patch of the whole object, without validation; creates the object when it does not exist. */
  private async mergeObject(obj: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    const query = { fieldManager: options.fieldManager ?? FIELD_MANAGER, ...writeQuery({ ...options, validate: false }) };
    const path = await this.specUriPath(addressOf(obj), "patch");
    try {
      return await this.send("PATCH", path, { query, body: obj, contentType: PatchStrategy.MergePatch, signal: options.signal });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const collection = await this.specUriPath(addressOf(obj), "create");
    return this.send("POST", collection, { query, body: obj, signal: options.signal });
  }

  /** The live object, or undefined when it does not exist. */
  async getObject(ref: Pick<KubeObject, "apiVersion" | "kind"> & { metadata: { name: string; namespace?: string } }, options: RequestOptions = {}): Promise<KubeObject | undefined> {
    const path = await this.specUriPath(addressOf(ref), "read");
    try {
      return await this.send("GET", path, { signal: options.signal });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Every object of a kind matching a label selector, across namespaces. */
  async listObjects(apiVersion: string, kind: string, options: { labelSelector?: string; namespace?: string } = {}): Promise<KubeObject[]> {
    const spec = { apiVersion, kind, metadata: options.namespace ? { namespace: options.namespace } : {} };
    const path = await this.specUriPath(spec as KubernetesObject, "list");
    const items: KubeObject[] = [];
    const pages = paginate((continueToken) => {
      const query: Record<string, string> = { limit: String(LIST_PAGE_SIZE) };
      if (options.labelSelector) query.labelSelector = options.labelSelector;
      if (continueToken) query.continue = continueToken;
      return this.send<ListPage<KubeObject>>("GET", path, { query });
    });
    for await (const page of pages) for (const item of page.items ?? []) items.push({ ...item, apiVersion, kind });
    return items;
  }

  /** Deletes an object with background propagation; a missing object counts as deleted. */
  async deleteObject(obj: Pick<KubeObject, "apiVersion" | "kind" | "metadata">, options: RequestOptions = {}): Promise<void> {
    const path = await this.specUriPath(addressOf(obj), "delete");
    try {
      await this.send("DELETE", path, { query: { propagationPolicy: "Background" }, signal: options.signal });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  private async send<T = KubeObject>(
    method: HttpMethod,
    path: string,
    options: { query?: Record<string, string>; body?: unknown; contentType?: string; signal?: AbortSignal } = {},
  ): Promise<T> {
    options.signal?.throwIfAborted();
    const context = this.configuration.baseServer.makeRequestContext(path, method as never);
    context.setSignal(this.deadline());
    context.setHeaderParam("Accept", "application/json");
    for (const [key, value] of Object.entries(options.query ?? {})) context.setQueryParam(key, value);
    if (options.body !== undefined) {
      context.setHeaderParam("Content-Type", options.contentType ?? "application/json");
      context.setBody(JSON.stringify(options.body));
    }
    const request = this.requestPromise(context) as Promise<T>;
    return options.signal ? abandonOnAbort(request, options.signal) : request;
  }

  /** A signal that aborts at the request timeout, or earlier when `signal` does. */
  protected deadline(signal?: AbortSignal): AbortSignal {
    const timeout = AbortSignal.timeout(this.requestTimeoutMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  }

  /** Returns the body as plain JSON instead of generated model classes. */
  protected override async processResponse<T extends KubernetesObject>(response: ResponseContext): Promise<T> {
    const text = await response.body.text();
    if (response.httpStatusCode >= 200 && response.httpStatusCode <= 299) return JSON.parse(text) as T;
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    throw new ApiException(response.httpStatusCode, "Unsuccessful HTTP Request", body, response.headers);
  }
}
