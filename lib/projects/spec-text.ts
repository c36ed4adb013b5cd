/**
 * A project's spec as text an admin edits on the Projects page: YAML (JSON is YAML too), every
 * field but the name, which the page's address fixes. Saving replaces the whole spec — a field
 * left out takes its default — so what the editor shows is what the project is.
 */
import { parse, stringify, YAMLParseError } from "yaml";
import type { FieldError } from "@/lib/apps/spec";
import { fieldErrors } from "@/lib/apps/spec";
import { projectSpecSchema, type ProjectSpec } from "./schema";

/** A project's spec without its name: what the editor shows and saves. */
export type ProjectSpecBody = Omit<ProjectSpec, "name">;

/** The editable fields, unknown keys refused so a misspelt field is an error rather than ignored. */
const bodySchema = projectSpecSchema.omit({ name: true }).strict();

/** The editor's field for errors that belong to the text as a whole. */
export const SPEC_TEXT_FIELD = "spec";

/** The spec's fields, in the schema's order, as YAML. */
export function formatProjectText(spec: ProjectSpec): string {
  const body: ProjectSpecBody = {
    description: spec.description,
    sourceRepos: spec.sourceRepos,
    destinations: spec.destinations,
    appNamespace: spec.appNamespace,
    clusterResources: spec.clusterResources,
    namespacedResourcesDeny: spec.namespacedResourcesDeny,
    roles: spec.roles,
    syncWindows: spec.syncWindows,
    rollback: spec.rollback,
  };
  return stringify(body, { lineWidth: 0 });
}

/** What reading the editor's text gives: the validated body, or each problem on its field path. */
export type ProjectTextResult = { ok: true; body: ProjectSpecBody } | { ok: false; errors: FieldError[] };

/**
 * Reads the editor's text as a project body: YAML syntax first (with the line), then the
 * project schema, each issue on its field path (`destinations.0.namespace`).
 */
export function parseProjectText(text: string): ProjectTextResult {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const message = error instanceof YAMLParseError ? error.message.split("\n")[0]! : String(error);
    return { ok: false, errors: [{ field: SPEC_TEXT_FIELD, message: `The text is not valid YAML or JSON: ${message}` }] };
  }
  if (document === null || document === undefined) document = {};
  if (typeof document !== "object" || Array.isArray(document)) {
    return { ok: false, errors: [{ field: SPEC_TEXT_FIELD, message: "The text must be a mapping of the project's fields (description, sourceRepos, destinations, ...)." }] };
  }
  const parsed = bodySchema.safeParse(document);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error).map((e) => (e.field === "(body)" ? { ...e, field: SPEC_TEXT_FIELD } : e)) };
  return { ok: true, body: parsed.data };
}
