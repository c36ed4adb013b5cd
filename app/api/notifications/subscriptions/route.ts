import { createNotificationSubscriptionRoute, listNotificationSubscriptionsRoute } from "@/app/api/_routes/notifications";
import { route } from "@/app/api/_shared/route";

/** Lists notification subscriptions. */
export const GET = route(listNotificationSubscriptionsRoute, async ({ engine }) => engine.notifications.subscriptions.list());

/** Subscribes a channel to triggers of an app, a project or every app. */
export const POST = route(createNotificationSubscriptionRoute, async ({ engine, body }) => engine.notifications.subscriptions.create(body));
