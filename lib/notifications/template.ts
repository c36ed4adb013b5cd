/**
 * The text of a notification: a small template per trigger with `{{placeholder}}`s, which a
 * subscription may replace with its own. Only the placeholders below exist; a template naming
 * another is refused when it is saved (see {@link unknownPlaceholders}).
 */
import type { Trigger } from "./triggers";

/** The placeholders a template may use. */
export const PLACEHOLDERS = ["app", "project", "revision", "trigger", "message", "url"] as const;

/** Values of {@link PLACEHOLDERS} for one notification. */
export type TemplateValues = Record<(typeof PLACEHOLDERS)[number], string>;

/**
 * The emoji opening each default text, built from code points: the server bundle holds a copy
 * of lib/ per route, and one character beyond Latin-1 in a string literal makes V8 keep that
 * whole copy as two-byte text (lib/latin1-literals.test.ts).
 */
const EMOJI = {
  check: String.fromCodePoint(0x2705),
  cross: String.fromCodePoint(0x274c),
  warning: String.fromCodePoint(0x26a0, 0xfe0f),
  shuffle: String.fromCodePoint(0x1f500),
  rewind: String.fromCodePoint(0x23ea),
  pause: String.fromCodePoint(0x23f8, 0xfe0f),
};

/** The default text of each trigger. */
export const DEFAULT_TEMPLATES: Record<Trigger, string> = {
  "sync-succeeded": `${EMOJI.check} {{app}} ({{project}}) synced {{revision}}. {{message}} {{url}}`,
  "sync-failed": `${EMOJI.cross} {{app}} ({{project}}) failed to sync {{revision}}. {{message}} {{url}}`,
  "health-degraded": `${EMOJI.warning} {{app}} ({{project}}) is Degraded at {{revision}}. {{message}} {{url}}`,
  "drift-detected": `${EMOJI.shuffle} {{app}} ({{project}}) drifted from Git at {{revision}}. {{message}} {{url}}`,
  rollback: `${EMOJI.rewind} {{app}} ({{project}}) was rolled back to {{revision}}. {{message}} {{url}}`,
  "auto-sync-paused": `${EMOJI.pause} Automated sync of {{app}} ({{project}}) is paused at {{revision}}. {{message}} {{url}}`,
};

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Fills a template's placeholders (pure); `{{ name }}` with spaces works too. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? values[name as keyof TemplateValues] : whole));
}

/** The placeholders of a template that do not exist, for a clear refusal (pure). */
export function unknownPlaceholders(template: string): string[] {
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
  return [...new Set(names.filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name)))];
}

/** The link to an app's page from the public base URL (trailing slashes ignored). */
export function appUrl(baseUrl: string, app: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/apps/${encodeURIComponent(app)}`;
}
