/**
 * What an app set remembers of its last generation: the commit it read, the apps it generated
 * with their labels (progressive steps select by them), the names it could not take, and the
 * error that stopped it, if any. Stored as JSON and checked with this schema on read.
 */
import { z } from "zod";

/** The stored status of an app set. */
export const appSetStatusSchema = z.object({
  /** The commit of the last generation; null before the first. */
  commit: z.string().nullable().default(null),
  /** When the set was last generated (ISO 8601); null before the first. */
  reconciledAt: z.string().nullable().default(null),
  /** Why the last generation failed; null when it did not. */
  error: z.string().nullable().default(null),
  /** The apps generated, with the set's labels on each. */
  apps: z.array(z.object({ name: z.string(), labels: z.record(z.string(), z.string()) })).default([]),
  /** Generated names taken by apps the set does not own, each with its sentence. */
  conflicts: z.array(z.string()).default([]),
  /** Apps the generator no longer gives that the policy kept. */
  kept: z.array(z.string()).default([]),
});

/** An app set's status. */
export type AppSetStatus = z.infer<typeof appSetStatusSchema>;

/** The status of a set never generated. */
export const EMPTY_APP_SET_STATUS: AppSetStatus = appSetStatusSchema.parse({});
