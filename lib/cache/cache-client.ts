import type { KubeConfig, KubernetesObject } from "@kubernetes/client-node";
import { KubeObjectClient } from "@/lib/kube/object-client";
import { LIST_PAGE_SIZE, paginate, type ListPage } from "@/lib/kube/paginate";
import type { KubeObject } from "@/lib/types";

/** A full list of a collection and the resource version to watch it from. */
export interface CollectionList {
  items: KubeObject[];
  resourceVersion: string;
}

/** Options of a list or watch. */
export interface CollectionQuery {
  labelSelector?: string;
  fieldSelector?: string;
}

/**
 * The object client plus what an informer needs that a plain client hides: the URL path of
 * a collection, and a list that keeps the collection's resource version (the snapshot every
 * page belongs to), so the watch can resume exactly after it.
 */
export class CacheClient extends KubeObjectClient {
  /** A client for the given configuration. */
  static override forConfig(kc: KubeConfig): CacheClient {
    return KubeObjectClient.prepare(kc.makeApiClient(CacheClient), kc);
  }

  /**
   * The path of a kind's collection — across all namespaces, or in one — or undefined when
   * the cluster does not serve the kind.
   */
  async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string | undefined> {
    if (!(await this.describeKind(apiVersion, kind))) return undefined;
    const spec = { apiVersion, kind, metadata: namespace ? { namespace } : {} };
    return this.specUriPath(spec as KubernetesObject, "list");
  }

  /**
   * The collection's current resource version, from a list of at most one item: where a watch
   * that needs only what changes from now on starts.
   */
  async collectionVersion(path: string, query: CollectionQuery = {}): Promise<string> {
    const page = (await this.listPage(path, query, 1, undefined)) as ListPage<unknown>;
    return page.metadata?.resourceVersion ?? "";
  }

  /** Lists a whole collection page by page; items get their apiVersion and kind back. */
  async listCollection(path: string, ref: { apiVersion: string; kind: string }, query: CollectionQuery = {}): Promise<CollectionList> {
    const items: KubeObject[] = [];
    let resourceVersion = "";
    const pages = paginate((continueToken) => this.listPage(path, query, LIST_PAGE_SIZE, continueToken));
    for await (const page of pages) {
      for (const item of page.items ?? []) items.push({ ...item, apiVersion: ref.apiVersion, kind: ref.kind });
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    }
    return { items, resourceVersion };
  }

  private listPage(path: string, query: CollectionQuery, limit: number, continueToken: string | undefined): Promise<ListPage<KubeObject>> {
    const context = this.configuration.baseServer.makeRequestContext(path, "GET" as never);
    context.setSignal(this.deadline());
    context.setHeaderParam("Accept", "application/json");
    context.setQueryParam("limit", String(limit));
    if (query.labelSelector) context.setQueryParam("labelSelector", query.labelSelector);
    if (query.fieldSelector) context.setQueryParam("fieldSelector", query.fieldSelector);
    if (continueToken) context.setQueryParam("continue", continueToken);
    return this.requestPromise(context) as unknown as Promise<ListPage<KubeObject>>;
  }
}
