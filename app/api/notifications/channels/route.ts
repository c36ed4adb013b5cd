import { createNotificationChannelRoute, listNotificationChannelsRoute } from "@/app/api/_routes/notifications";
import { route } from "@/app/api/_shared/route";

/** Lists notification channels — secrets only as `set`. */
export const GET = route(listNotificationChannelsRoute, async ({ engine }) => engine.notifications.channels.list());

/** Creates a channel, its secrets encrypted; answers it without them. */
export const POST = route(createNotificationChannelRoute, async ({ engine, body }) => engine.notifications.channels.create(body));
