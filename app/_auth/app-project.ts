/**
 * The project facts authorization needs from the engine: the project of the app a request
 * names, and each app's project for filtering lists. Read per request; nothing is cached.
 */
import type { Principal } from "@/lib/auth/principal";
import { appVisibility } from "@/lib/auth/visibility";
import type { EngineFacade } from "@/lib/engine/facade";
import { isErrorOfKind } from "@/lib/errors";

/** The project of the app named `name`, or undefined when there is no such app (only global roles then count). */
export async function projectOfApp(engine: EngineFacade, name: string): Promise<string | undefined> {
  try {
    return (await engine.apps.get(name)).project;
  } catch (error) {
    if (isErrorOfKind(error, "not-found")) return undefined;
    throw error;
  }
}

/**
 * Whether `principal` sees each app (lib/auth/visibility.ts). Only a principal limited to
 * projects depends on the apps' projects, so only then are they read (one read, at call time).
 */
export async function appVisibilityFor(engine: EngineFacade, principal: Principal): Promise<(app: string) => boolean> {
  const sources = principal.projects ? await engine.apps.sources() : [];
  return appVisibility(principal, new Map(sources.map((source) => [source.name, source.project])));
}

/** The names of the apps `principal` sees, by name (one read of every app's source fields). */
export async function visibleAppNames(engine: EngineFacade, principal: Principal): Promise<string[]> {
  const sources = await engine.apps.sources();
  const canSee = appVisibility(principal, new Map(sources.map((source) => [source.name, source.project])));
  return sources.map((source) => source.name).filter(canSee);
}
