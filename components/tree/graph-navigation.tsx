"use client";

import { useRouter } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";

/**
 * Keeps clicks on the resource graph's links inside the app: a plain click on a node navigates
 * client-side without scrolling (so the graph's container keeps its scroll position, as the
 * tree's links do); a click with a modifier key is left to the browser (a new tab).
 */
export function GraphNavigation({ children }: { children: ReactNode }) {
  const router = useRouter();
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element).closest("a[href]");
    const href = link?.getAttribute("href");
    if (!href?.startsWith("/")) return;
    event.preventDefault();
    router.push(href, { scroll: false });
  };
  return (
    <div onClick={onClick} className="max-h-[70vh] overflow-auto" data-testid="resource-graph-scroller">
      {children}
    </div>
  );
}
