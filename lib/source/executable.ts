/**
 * Looking up executables the way a shell does, without running one: the first
 * executable regular file of that name on `PATH`.
 */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";

/** The first executable file called `name` in the directories of `searchPath` (by default `PATH`), or `undefined`. */
export async function findOnPath(name: string, searchPath: string = process.env.PATH ?? ""): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** True when `file` is a regular file this process may execute. */
export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
