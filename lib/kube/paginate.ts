/**
 * Kubernetes list paging: a list asks for at most {@link LIST_PAGE_SIZE} items, and the
 * server answers a `continue` token while more remain (as client-go's pager follows it).
 */

/** Items a list asks for per page. */
export const LIST_PAGE_SIZE = 500;

/** What paging reads of a list page. */
export interface ListPage<T> {
  items?: T[];
  metadata?: { continue?: string; resourceVersion?: string };
}

/**
 * The pages of a list, in order: fetches the first page (no token), then each next one with
 * the token of the page before, until a page has no (or an empty) `continue` token.
 */
export async function* paginate<P extends ListPage<unknown>>(fetchPage: (continueToken: string | undefined) => Promise<P>): AsyncGenerator<P, void, undefined> {
  let continueToken: string | undefined;
  do {
    const page = await fetchPage(continueToken);
    yield page;
    continueToken = page.metadata?.continue || undefined;
  } while (continueToken);
}
