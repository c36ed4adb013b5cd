import { deleteNotificationChannelRoute, getNotificationChannelRoute, updateNotificationChannelRoute } from "@/app/api/_routes/notifications";
import { route } from "@/app/api/_shared/route";

/** One notification channel, without its secrets. */
export const GET = route(getNotificationChannelRoute, async ({ engine, params }) => engine.notifications.channels.get(params.id));

/** Changes a channel; absent or empty secrets keep the stored ones. */
export const PATCH = route(updateNotificationChannelRoute, async ({ engine, params, body }) => engine.notifications.channels.update(params.id, body));

/** Deletes a channel; refused while a subscription sends to it. */
export const DELETE = route(deleteNotificationChannelRoute, async ({ engine, params }) => {
  await engine.notifications.channels.delete(params.id);
});
