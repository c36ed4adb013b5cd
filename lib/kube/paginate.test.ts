import { describe, expect, it } from "vitest";

import { paginate, type ListPage } from "./paginate";

/** A fake list endpoint serving `pages` in turn, recording the token of each request. */
function endpoint(pages: ListPage<string>[]) {
  const tokens: (string | undefined)[] = [];
  const fetchPage = async (token: string | undefined) => {
    tokens.push(token);
    const page = pages[tokens.length - 1];
    if (!page) throw new Error("asked for a page past the last");
    return page;
  };
  return { fetchPage, tokens };
}

async function collect(fetchPage: (token: string | undefined) => Promise<ListPage<string>>) {
  const items: string[] = [];
  for await (const page of paginate(fetchPage)) items.push(...(page.items ?? []));
  return items;
}

describe("paginate", () => {
  it.each<{ name: string; pages: ListPage<string>[]; items: string[]; tokens: (string | undefined)[] }>([
    { name: "a single page without a token", pages: [{ items: ["a"] }], items: ["a"], tokens: [undefined] },
    { name: "a single page with an empty token", pages: [{ items: ["a"], metadata: { continue: "" } }], items: ["a"], tokens: [undefined] },
    {
      name: "pages chained by their tokens",
      pages: [{ items: ["a", "b"], metadata: { continue: "t1" } }, { items: ["c"], metadata: { continue: "t2" } }, { items: ["d"], metadata: {} }],
      items: ["a", "b", "c", "d"],
      tokens: [undefined, "t1", "t2"],
    },
    { name: "a page without items", pages: [{ metadata: { continue: "t1" } }, { items: ["a"] }], items: ["a"], tokens: [undefined, "t1"] },
  ])("reads $name", async ({ pages, items, tokens }) => {
    const server = endpoint(pages);
    expect(await collect(server.fetchPage)).toEqual(items);
    expect(server.tokens).toEqual(tokens);
  });

  it("passes a failing page's error on", async () => {
    const server = endpoint([{ items: ["a"], metadata: { continue: "t1" } }]);
    await expect(collect(server.fetchPage)).rejects.toThrow("past the last");
  });

  it("fetches no further page once the reader stops", async () => {
    const server = endpoint([{ items: ["a"], metadata: { continue: "t1" } }, { items: ["b"] }]);
    for await (const page of paginate(server.fetchPage)) if (page.items?.includes("a")) break;
    expect(server.tokens).toEqual([undefined]);
  });
});
