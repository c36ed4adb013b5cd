/** Documented answers shared by many routes. */
import type { ResponseDoc } from "../_shared/declaration";

/** A one-sentence error answer with this description. */
export const error = (description: string): ResponseDoc => ({ description });

/** The answers of an app-scoped route that every such route can give. */
export const APP_ERRORS = {
  401: error("Not signed in."),
  403: error("Not allowed on this application."),
  404: error("No such application."),
} satisfies Record<number, ResponseDoc>;

/** The answers of a route for admins only. */
export const ADMIN_ERRORS = {
  401: error("Not signed in."),
  403: error("Not an admin."),
} satisfies Record<number, ResponseDoc>;

/** The answers of a route for any viewer. */
export const VIEWER_ERRORS = {
  401: error("Not signed in."),
  403: error("Not allowed (a password to change first, or a token limited to some apps)."),
} satisfies Record<number, ResponseDoc>;

/** A 422 for input refused field by field. */
export const INVALID = { 422: error("Invalid input, field by field.") } satisfies Record<number, ResponseDoc>;
