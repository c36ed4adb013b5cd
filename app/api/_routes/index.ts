/**
 * The registry: every API route's declaration, in one list. The proxy's access policy and the
 * OpenAPI document are generated from it; each app/api/**\/route.ts builds its handlers from the
 * same values, and a test checks that the folder tree and this list name the same routes.
 */
import type { RouteDeclaration } from "../_shared/declaration";
import * as admin from "./admin";
import * as apps from "./apps";
import * as appsets from "./appsets";
import * as auth from "./auth";
import * as cd from "./cd";
import * as docs from "./docs";
import * as insights from "./insights";
import * as live from "./live";
import * as notifications from "./notifications";
import * as operations from "./operations";
import * as projects from "./projects";
import * as promotion from "./promotion";

/** Every API route, grouped as the modules above are. */
export const ROUTES: readonly RouteDeclaration[] = [auth, docs, apps, operations, live, projects, admin, cd, notifications, insights, promotion, appsets].flatMap((group) => Object.values(group) as RouteDeclaration[]);
