/**
 * How commands print: aligned tables for people (as kubectl get does), or the API's own
 * objects as JSON or YAML for scripts.
 */
import { stringify } from "yaml";

import type { OutputFormat } from "./args";

/** One column of a table: its header and how a row shows in it. */
export interface Column<T> {
  header: string;
  value(row: T): string | number | boolean | null | undefined;
}

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === "") return "-";
  return String(value).replace(/\s+/g, " ");
}

/**
 * The rows as a table: upper-case headers, columns two spaces apart and padded to their widest
 * cell (the last one not padded, so lines carry no trailing blanks), empty cells as `-`.
 */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const lines = [columns.map((c) => c.header.toUpperCase()), ...rows.map((row) => columns.map((c) => cell(c.value(row))))];
  const widths = columns.map((_, i) => Math.max(...lines.map((line) => line[i]!.length)));
  return lines.map((line) => line.map((text, i) => (i === line.length - 1 ? text : text.padEnd(widths[i]!))).join("  ")).join("\n") + "\n";
}

/** Label-value lines, the labels padded to one width: how a single object shows. */
export function formatFields(fields: readonly [label: string, value: string | number | boolean | null | undefined][]): string {
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  return fields.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${cell(value)}`).join("\n") + "\n";
}

/** The API's object as JSON (indented) or YAML, for `-o json|yaml`. */
export function formatData(value: unknown, format: Exclude<OutputFormat, "table">): string {
  return format === "json" ? `${JSON.stringify(value, null, 2)}\n` : stringify(value);
}

/** The first 12 characters of a commit SHA, as Git's short form; `-` when there is none. */
export function shortSha(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 12) : "-";
}

/** A time as `2026-11-30 18:32:05` (UTC, to the second), or `-`. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "-";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}
