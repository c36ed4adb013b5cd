import { listNotificationDeliveriesRoute } from "@/app/api/_routes/notifications";
import { route } from "@/app/api/_shared/route";

/** Deliveries and their attempts, newest first; `?status=failed` lists the failures. */
export const GET = route(listNotificationDeliveriesRoute, async ({ engine, query }) => engine.notifications.deliveries(query));
