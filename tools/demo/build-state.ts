import { stat, readdir } from "node:fs/promises";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "prisma/schema.prisma", "next.config.js", "package-lock.json"];

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(entries.map((e) => newestMtime(path.join(target, e))));
  return Math.max(info.mtimeMs, ...times);
}

/** True when there is no production build or a source file is newer than it. */
export async function needsBuild(): Promise<boolean> {
  const built = await stat(".next/BUILD_ID").catch(() => undefined);
  if (!built) return true;
  const newest = Math.max(...(await Promise.all(SOURCES.map((s) => newestMtime(path.resolve(s))))));
  return newest > built.mtimeMs;
}
