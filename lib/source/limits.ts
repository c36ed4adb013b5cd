/**
 * What rendering one app may cost, so a malicious or broken repository cannot exhaust the
 * server: how many manifest files and bytes are read, how many YAML documents parsed, how
 * long kustomize runs, and whether kustomize may fetch remote bases. Each limit can be raised
 * by the administrator through an environment variable; the message of a refused render names it.
 */

/** The limits of one render. */
export interface RenderLimits {
  /** Manifest files read from the app's directory. @default 5000 (`LOCKSTEP_RENDER_MAX_FILES`) */
  maxFiles: number;
  /** Size of one manifest file (or one file kustomize is told to load). @default 8 MiB (`LOCKSTEP_RENDER_MAX_FILE_BYTES`) */
  maxFileBytes: number;
  /** Bytes read, or printed by kustomize, for one render. @default 32 MiB (`LOCKSTEP_RENDER_MAX_BYTES`) */
  maxTotalBytes: number;
  /** YAML documents parsed for one render. @default 10,000 (`LOCKSTEP_RENDER_MAX_DOCUMENTS`) */
  maxDocuments: number;
  /** Entries (files, directories, links) of the checkout scanned for escaping symlinks. @default 100,000 (`LOCKSTEP_RENDER_MAX_ENTRIES`) */
  maxEntries: number;
  /** Whether kustomize may load remote bases and resources (`https://`, `github.com/...`). @default false (`LOCKSTEP_KUSTOMIZE_REMOTE_BASES=true`) */
  allowRemoteBases: boolean;
}

/** The defaults, before environment overrides. */
export const DEFAULT_RENDER_LIMITS: Readonly<RenderLimits> = {
  maxFiles: 5000,
  maxFileBytes: 8 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxDocuments: 10_000,
  maxEntries: 100_000,
  allowRemoteBases: false,
};

/** The environment variable of each numeric limit, for messages. */
export const LIMIT_VARIABLES: Readonly<Record<Exclude<keyof RenderLimits, "allowRemoteBases">, string>> = {
  maxFiles: "LOCKSTEP_RENDER_MAX_FILES",
  maxFileBytes: "LOCKSTEP_RENDER_MAX_FILE_BYTES",
  maxTotalBytes: "LOCKSTEP_RENDER_MAX_BYTES",
  maxDocuments: "LOCKSTEP_RENDER_MAX_DOCUMENTS",
  maxEntries: "LOCKSTEP_RENDER_MAX_ENTRIES",
};

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/** The limits in force: the defaults, overridden by the environment, then by `overrides`. */
export function renderLimits(overrides: Partial<RenderLimits> = {}, env: Readonly<Record<string, string | undefined>> = process.env): RenderLimits {
  const fromEnv = Object.fromEntries(
    Object.entries(LIMIT_VARIABLES).map(([key, variable]) => [key, positive(env[variable], DEFAULT_RENDER_LIMITS[key as keyof typeof LIMIT_VARIABLES])]),
  ) as Omit<RenderLimits, "allowRemoteBases">;
  return { ...fromEnv, allowRemoteBases: env.LOCKSTEP_KUSTOMIZE_REMOTE_BASES === "true", ...overrides };
}

/** A byte count for messages: `50.0 MiB`, `12 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
