"use client";

import Link from "next/link";
import { useState } from "react";
import { HealthIcon, SyncIcon } from "@/components/ui/health-icon";
import type { TreeNode } from "@/lib/engine/resource-tree";

/** Levels open when the page loads (the app's resources, their children and grandchildren). */
const OPEN_DEPTH = 3;

function Node({ node, depth, appName, selected }: { node: TreeNode; depth: number; appName: string; selected?: string }) {
  const [open, setOpen] = useState(depth < OPEN_DEPTH);
  const hasChildren = node.children.length > 0;
  const isSelected = selected === node.id;
  return (
    <li data-testid="tree-node" data-kind={node.kind} data-name={node.name}>
      <div className={`flex items-center gap-1 rounded px-1 py-0.5 ${isSelected ? "bg-indigo-50 ring-1 ring-indigo-200" : "hover:bg-slate-50"}`}>
        {hasChildren ? (
          <button type="button" onClick={() => setOpen(!open)} className="w-4 text-slate-500" aria-expanded={open} aria-label={`${open ? "Collapse" : "Expand"} ${node.kind} ${node.name}`}>
            {open ? "▾" : "▸"}
          </button>
        ) : (
          <span className="w-4" aria-hidden />
        )}
        <HealthIcon status={node.health.status} message={node.health.message} />
        {node.sync ? <SyncIcon status={node.sync} /> : <span className="w-4" aria-hidden />}
        <Link
          href={`/apps/${appName}?tab=tree&node=${encodeURIComponent(node.id)}`}
          scroll={false}
          className="flex min-w-0 items-baseline gap-2 text-sm hover:underline"
          data-testid="tree-node-link"
        >
          <span className="text-xs font-medium text-slate-500">{node.kind}</span>
          <span className="truncate font-mono text-xs">{node.name}</span>
        </Link>
        {node.health.message && node.health.status !== "Healthy" && <span className="truncate text-xs text-slate-500">— {node.health.message}</span>}
      </div>
      {hasChildren && open && (
        <ul className="ml-5 border-l border-slate-200 pl-2">
          {node.children.map((child) => (
            <Node key={child.id} node={child} depth={depth + 1} appName={appName} selected={selected} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The app's resource tree: expandable, with health and sync icons; a click shows the node's details. */
export function ResourceTree({ nodes, appName, selected }: { nodes: TreeNode[]; appName: string; selected?: string }) {
  if (nodes.length === 0) return <p className="text-sm text-slate-500">No resources: the app renders nothing, or it could not be compared.</p>;
  return (
    <ul className="space-y-0.5" data-testid="resource-tree" aria-label="Resource tree">
      {nodes.map((node) => (
        <Node key={node.id} node={node} depth={0} appName={appName} selected={selected} />
      ))}
    </ul>
  );
}
