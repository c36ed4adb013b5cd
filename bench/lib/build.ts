/**
 * The production build the benchmark measures (`LOCKSTEP_DIST_DIR`, else `.next`): built when
 * missing, and flagged when a source file is newer than it.
 */
import { spawn } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "prisma/schema.prisma", "next.config.js", "instrumentation.ts"];

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(entries.map((entry) => newestMtime(path.join(target, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** The build folder the web server helper starts from. */
export function distDir(): string {
  return process.env.LOCKSTEP_DIST_DIR ?? ".next";
}

/** True when a source file changed after the build was made. */
export async function isBuildStale(dir: string): Promise<boolean> {
  const built = await stat(path.resolve(dir, "BUILD_ID")).catch(() => undefined);
  if (!built) return true;
  const newest = Math.max(...(await Promise.all(SOURCES.map((source) => newestMtime(path.resolve(source))))));
  return newest > built.mtimeMs;
}

/** Runs `next build` into `dir` when it holds no build (and `allowBuild`); throws otherwise. */
export async function ensureBuild(dir: string, options: { allowBuild: boolean; log: (line: string) => void }): Promise<void> {
  if (await stat(path.resolve(dir, "BUILD_ID")).catch(() => undefined)) return;
  if (!options.allowBuild) throw new Error(`No production build in ${dir}; run "npm run build" (with LOCKSTEP_DIST_DIR=${dir} if set) first.`);
  options.log(`building the web app into ${dir} (next build)`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/next"), ["build"], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, LOCKSTEP_DIST_DIR: dir } });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with code ${code}.`))));
  });
}
