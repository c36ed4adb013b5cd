import { readFile } from "node:fs/promises";

/**
 * The last non-empty line of a log file, shortened: usually the reason a
 * process or build failed, worth quoting next to the log's path.
 */
export async function lastLogLine(path: string, maxLength = 300): Promise<string> {
  const text = await readFile(path, "utf8").catch(() => "");
  const last = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .at(-1);
  if (last === undefined) return "(empty log)";
  return last.length > maxLength ? `${last.slice(0, maxLength)}...` : last;
}
