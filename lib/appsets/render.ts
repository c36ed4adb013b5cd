/**
 * Rendering: the set's template filled with each value set, then checked as a hand-made app is
 * (`appSpecSchema`), so a generated name obeys the rules of every other app name. One bad app
 * stops the whole generation: a half-applied set is worse than none.
 */
import { appSpecSchema, type AppSpec } from "@/lib/apps/spec";
import type { Params } from "./params";
import type { AppSetSpec } from "./schema";
import { renderValue, UnknownPlaceholderError } from "./template";

/** One app the set generates: its spec and the set's labels on it. */
export interface GeneratedApp {
  spec: AppSpec;
  labels: Record<string, string>;
}

/** A template that does not render into valid apps, in one sentence. */
export class TemplateError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "TemplateError";
  }
}

/**
 * The apps of a set for these value sets, in the generator's order. With a progressive strategy
 * the apps' own automated sync is off: the rollout syncs them, step by step (as Argo CD's
 * RollingSync does).
 * @throws TemplateError for an unknown placeholder, an invalid app or a name given twice.
 */
export function renderApps(set: Pick<AppSetSpec, "name" | "project" | "repoUrl" | "revision" | "template" | "strategy">, values: readonly Params[]): GeneratedApp[] {
  const seen = new Set<string>();
  return values.map((params) => {
    const { labels, ...template } = set.template;
    let rendered: typeof template;
    let renderedLabels: Record<string, string>;
    try {
      rendered = renderValue(template, params);
      renderedLabels = renderValue(labels, params);
    } catch (error) {
      if (error instanceof UnknownPlaceholderError) throw new TemplateError(`App set ${set.name}'s template: ${error.message}`, { cause: error });
      throw error;
    }
    const parsed = appSpecSchema.safeParse({
      ...rendered,
      repoUrl: rendered.repoUrl ?? set.repoUrl,
      targetRevision: rendered.targetRevision ?? set.revision,
      project: set.project,
      ...(set.strategy ? { automated: false } : {}),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new TemplateError(`App set ${set.name} generated an invalid app ${JSON.stringify(rendered.name)}: ${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
    }
    if (seen.has(parsed.data.name)) throw new TemplateError(`App set ${set.name} generates the app name ${parsed.data.name} twice; put a value that differs per app in the template's name.`);
    seen.add(parsed.data.name);
    return { spec: parsed.data, labels: renderedLabels };
  });
}
