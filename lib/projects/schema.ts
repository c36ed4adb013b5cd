/**
 * A project: the tenancy boundary an app lives in, after Argo CD's AppProject. It says which
 * repositories its apps may render from, where they may deploy, which kinds they may create,
 * who may do what to them, and when they may sync.
 */
import { Cron } from "croner";
import { z } from "zod";
import { dnsLabel } from "@/lib/apps/spec";
import { ROLES } from "@/lib/auth/roles";

/** The project every app belongs to unless it names another; created by a migration. */
export const DEFAULT_PROJECT = "default";

/** A glob; a leading `!` makes it a deny entry, which beats every allow entry. */
const glob = (what: string) => z.string({ error: `${what} must be a pattern.` }).trim().min(1, `${what} must not be empty.`).max(512, `${what} is too long.`);

/** A kind by API group and kind name, each a glob (`""` is the core group). */
export const groupKindSchema = z.object({
  group: z.string().max(253, "Group is too long."),
  kind: glob("Kind"),
});

/** Where apps may deploy: a cluster and a namespace, each a glob; `deny` refuses the match instead. */
export const destinationSchema = z.object({
  cluster: glob("Cluster").default("*"),
  namespace: glob("Namespace"),
  deny: z.boolean().default(false),
});

/** Who has which role within the project: users, OIDC groups and API tokens (by token name). */
export const projectRoleSchema = z.object({
  name: dnsLabel("Role name"),
  role: z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}.` }),
  users: z.array(z.string().min(1).max(64)).max(500).default([]),
  groups: z.array(z.string().min(1).max(256)).max(500).default([]),
  tokens: z.array(z.string().min(1).max(64)).max(500).default([]),
});

/** When apps may sync: a cron schedule opening a window of `duration`, in a time zone. */
export const syncWindowSchema = z.object({
  kind: z.enum(["allow", "deny"], { error: "A sync window's kind is allow or deny." }),
  /** Five-field cron expression: when the window opens. */
  schedule: z.string().trim().min(1, "A sync window needs a schedule (cron)."),
  /** How long it stays open: `30m`, `1h`, `1h30m`, `2d`. */
  duration: z
    .string()
    .trim()
    .regex(/^(\d+d)?(\d+h)?(\d+m)?$/, "Duration must look like 30m, 1h, 1h30m or 2d.")
    .refine((d) => d.length > 0, "Duration must not be empty.")
    .refine((d) => /[1-9]/.test(d), "Duration must be longer than zero."),
  timeZone: z.string().trim().default("UTC"),
  /** App globs the window applies to. */
  apps: z.array(glob("App")).default(["*"]),
  /** In a deny window, or outside every allow window, still let people sync by hand (Argo CD's `manualSync`). */
  manualSync: z.boolean().default(false),
}).superRefine((window, context) => {
  for (const issue of scheduleIssues(window.schedule, window.timeZone)) context.addIssue({ code: "custom", ...issue });
});

/** True when `timeZone` is an IANA time zone name this runtime knows. */
function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with a window's schedule and time zone, as croner (which will run the window)
 * sees them: each problem one sentence, on its field. Nothing when both are fine.
 */
function scheduleIssues(schedule: string, timeZone: string): { path: string[]; message: string }[] {
  if (!isTimeZone(timeZone)) {
    return [{ path: ["timeZone"], message: `Time zone "${timeZone}" is not an IANA time zone such as "Europe/Berlin" or "UTC".` }];
  }
  if (!schedule.startsWith("@") && schedule.split(/\s+/).length !== 5) {
    return [{ path: ["schedule"], message: `Schedule "${schedule}" must be a five-field cron expression such as "0 22 * * 1-5".` }];
  }
  try {
    new Cron(schedule, { timezone: timeZone, paused: true }).stop();
    return [];
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^CronPattern:\s*/, "").replace(/\.$/, "");
    return [{ path: ["schedule"], message: `Schedule "${schedule}" is not a valid cron expression (${reason}).` }];
  }
}

/** What a project lets its apps' deployers do after a rollback. */
export const rollbackPolicySchema = z.object({
  /** Whether "make permanent" may commit a rolled-back revision's files to the config repository. @default true */
  allowCommit: z.boolean({ error: "rollback.allowCommit must be true or false." }).default(true),
});

/** What an admin says about a project. */
export const projectSpecSchema = z.object({
  name: dnsLabel("Name"),
  description: z.string().max(1000, "Description must be at most 1000 characters.").default(""),
  /** Repository URL globs apps may render from; `!` entries deny. */
  sourceRepos: z.array(glob("Repository")).max(200).default([]),
  /** Cluster and namespace globs apps may deploy to. */
  destinations: z.array(destinationSchema).max(200).default([]),
  /** Also allow each app's own destination namespace (the `default` project has only this). */
  appNamespace: z.boolean().default(false),
  /** Cluster-scoped kinds apps may create; none unless listed. */
  clusterResources: z.array(groupKindSchema).max(200).default([]),
  /** Namespaced kinds apps may not create. */
  namespacedResourcesDeny: z.array(groupKindSchema).max(200).default([]),
  roles: z.array(projectRoleSchema).max(100).default([]),
  syncWindows: z.array(syncWindowSchema).max(100).default([]),
  /** Rollback rules: whether a rollback may be made permanent by a commit to Git. */
  rollback: rollbackPolicySchema.default({ allowCommit: true }),
});

/** A validated project spec. */
export type ProjectSpec = z.infer<typeof projectSpecSchema>;
/** One destination entry. */
export type Destination = z.infer<typeof destinationSchema>;
/** One kind pattern. */
export type GroupKind = z.infer<typeof groupKindSchema>;
/** One role binding. */
export type ProjectRole = z.infer<typeof projectRoleSchema>;
/** One sync window. */
export type SyncWindow = z.infer<typeof syncWindowSchema>;
/** A project's rollback rules. */
export type RollbackPolicy = z.infer<typeof rollbackPolicySchema>;

const spec = projectSpecSchema.shape;

/**
 * The fields an update may change (everything but the name). Unlike `.partial()`, a field the
 * update leaves out stays absent instead of taking its default, so a PATCH changes only what it names.
 */
export const projectUpdateSchema = z.object({
  description: spec.description.unwrap().optional(),
  sourceRepos: spec.sourceRepos.unwrap().optional(),
  destinations: spec.destinations.unwrap().optional(),
  appNamespace: spec.appNamespace.unwrap().optional(),
  clusterResources: spec.clusterResources.unwrap().optional(),
  namespacedResourcesDeny: spec.namespacedResourcesDeny.unwrap().optional(),
  roles: spec.roles.unwrap().optional(),
  syncWindows: spec.syncWindows.unwrap().optional(),
  rollback: spec.rollback.unwrap().optional(),
});
/** A validated partial update. */
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;

/** The built-in project: any repository, namespaced kinds in each app's own destination namespace only. */
export const DEFAULT_PROJECT_SPEC: ProjectSpec = projectSpecSchema.parse({
  name: DEFAULT_PROJECT,
  description: "Every app that names no project: any repository, namespaced kinds in the app's own destination namespace only.",
  sourceRepos: ["*"],
  appNamespace: true,
});
