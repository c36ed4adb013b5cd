/** Notification channels, subscriptions and deliveries: readable and writable by admins only. */
import { channelCreateSchema, channelUpdateSchema, deliveryQuerySchema, subscriptionCreateSchema, subscriptionUpdateSchema } from "@/lib/notifications/schema";
import { declareRoute } from "../_shared/declaration";
import { ADMIN_ERRORS, error, INVALID } from "./answers";

export const listNotificationChannelsRoute = declareRoute({
  method: "GET",
  path: "/api/notifications/channels",
  permission: "admin",
  summary: "List notification channels",
  responses: { 200: { description: "Name, kind and settings of every channel; secrets only as `set`, never their values." }, ...ADMIN_ERRORS },
});

export const createNotificationChannelRoute = declareRoute({
  method: "POST",
  path: "/api/notifications/channels",
  permission: "admin",
  action: "notification-channel.create",
  summary: "Create a notification channel (its secrets stored encrypted)",
  description: "kind `webhook` (url, secret: signs each body, X-Lockstep-Signature), `slack` (url, a secret) or `email` (host, port, security, user, password, from, to).",
  body: channelCreateSchema,
  status: 201,
  responses: { 201: { description: "The channel, without its secrets." }, ...ADMIN_ERRORS, 409: error("A channel of this name exists."), ...INVALID },
});

export const getNotificationChannelRoute = declareRoute({
  method: "GET",
  path: "/api/notifications/channels/[id]",
  permission: "admin",
  summary: "One notification channel, without its secrets",
  responses: { 200: { description: "The channel." }, ...ADMIN_ERRORS, 404: error("No such channel.") },
});

export const updateNotificationChannelRoute = declareRoute({
  method: "PATCH",
  path: "/api/notifications/channels/[id]",
  permission: "admin",
  action: "notification-channel.update",
  summary: "Change a notification channel",
  description: "Its kind stays; an absent or empty secret keeps the stored one.",
  body: channelUpdateSchema,
  responses: { 200: { description: "The channel, without its secrets." }, ...ADMIN_ERRORS, 404: error("No such channel."), 409: error("Name taken."), ...INVALID },
});

export const deleteNotificationChannelRoute = declareRoute({
  method: "DELETE",
  path: "/api/notifications/channels/[id]",
  permission: "admin",
  action: "notification-channel.delete",
  summary: "Delete a notification channel",
  responses: { 204: { description: "Deleted." }, ...ADMIN_ERRORS, 404: error("No such channel."), 409: error("Subscriptions still send to it.") },
});

export const listNotificationSubscriptionsRoute = declareRoute({
  method: "GET",
  path: "/api/notifications/subscriptions",
  permission: "admin",
  summary: "List notification subscriptions",
  responses: { 200: { description: "Each subscription's channel, scope, target, triggers, drift grace, template and state." }, ...ADMIN_ERRORS },
});

export const createNotificationSubscriptionRoute = declareRoute({
  method: "POST",
  path: "/api/notifications/subscriptions",
  permission: "admin",
  action: "notification-subscription.create",
  summary: "Subscribe a channel to triggers of an app, a project or every app",
  body: subscriptionCreateSchema,
  status: 201,
  responses: { 201: { description: "The subscription." }, ...ADMIN_ERRORS, 404: error("No such channel."), 409: error("Name taken."), ...INVALID },
});

export const getNotificationSubscriptionRoute = declareRoute({
  method: "GET",
  path: "/api/notifications/subscriptions/[id]",
  permission: "admin",
  summary: "One notification subscription",
  responses: { 200: { description: "The subscription." }, ...ADMIN_ERRORS, 404: error("No such subscription.") },
});

export const updateNotificationSubscriptionRoute = declareRoute({
  method: "PATCH",
  path: "/api/notifications/subscriptions/[id]",
  permission: "admin",
  action: "notification-subscription.update",
  summary: "Change a notification subscription",
  description: "Scope and target change together; a null template goes back to the defaults.",
  body: subscriptionUpdateSchema,
  responses: { 200: { description: "The subscription." }, ...ADMIN_ERRORS, 404: error("No such subscription or channel."), 409: error("Name taken."), ...INVALID },
});

export const deleteNotificationSubscriptionRoute = declareRoute({
  method: "DELETE",
  path: "/api/notifications/subscriptions/[id]",
  permission: "admin",
  action: "notification-subscription.delete",
  summary: "Delete a notification subscription and its deliveries",
  responses: { 204: { description: "Deleted." }, ...ADMIN_ERRORS, 404: error("No such subscription.") },
});

export const listNotificationDeliveriesRoute = declareRoute({
  method: "GET",
  path: "/api/notifications/deliveries",
  permission: "admin",
  summary: "List notification deliveries and their attempts, newest first",
  query: deliveryQuerySchema,
  responses: { 200: { description: "Each delivery's trigger, app, revision, status, text and attempts (time, code, secret-free error)." }, ...ADMIN_ERRORS, ...INVALID },
});
