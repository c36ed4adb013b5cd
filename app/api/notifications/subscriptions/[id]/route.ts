import { deleteNotificationSubscriptionRoute, getNotificationSubscriptionRoute, updateNotificationSubscriptionRoute } from "@/app/api/_routes/notifications";
import { route } from "@/app/api/_shared/route";

/** One notification subscription. */
export const GET = route(getNotificationSubscriptionRoute, async ({ engine, params }) => engine.notifications.subscriptions.get(params.id));

/** Changes a subscription. */
export const PATCH = route(updateNotificationSubscriptionRoute, async ({ engine, params, body }) => engine.notifications.subscriptions.update(params.id, body));

/** Deletes a subscription and its deliveries. */
export const DELETE = route(deleteNotificationSubscriptionRoute, async ({ engine, params }) => {
  await engine.notifications.subscriptions.delete(params.id);
});
