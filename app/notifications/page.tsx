import { requireUser } from "@/app/_auth/session";
import { ChannelsAdmin } from "@/components/notifications/channels-admin";
import { DeliveriesTable, type DeliveryRowView } from "@/components/notifications/deliveries-table";
import { SubscriptionsAdmin } from "@/components/notifications/subscriptions-admin";
import { getEngine } from "@/lib/engine/current";
import type { DeliveryView } from "@/lib/notifications/subscriptions";
import { TRIGGERS } from "@/lib/notifications/triggers";

export const dynamic = "force-dynamic";

const toRow = (d: DeliveryView): DeliveryRowView => ({
  id: d.id,
  subscription: d.subscription,
  trigger: d.trigger,
  app: d.app,
  revision: d.revision,
  status: d.status,
  text: d.text,
  createdAt: d.createdAt.toISOString(),
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  attempts: d.attempts.map((a) => ({ ...a, at: a.at.toISOString() })),
});

export default async function NotificationsPage() {
  await requireUser("admin");
  const { notifications } = getEngine();
  const [channels, subscriptions, failed, recent] = await Promise.all([
    notifications.channels.list(),
    notifications.subscriptions.list(),
    notifications.deliveries({ status: "failed", limit: 50 }),
    notifications.deliveries({ limit: 50 }),
  ]);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="mb-2 text-2xl font-semibold">Notifications</h1>
        <p className="text-sm text-slate-600">
          Channels say where notifications go (a signed JSON webhook, a Slack-compatible webhook, or e-mail); subscriptions say which triggers of which apps go
          there. Each is sent once per trigger, app and revision, and retried with backoff. Secrets are stored encrypted and shown only as &ldquo;set&rdquo;.
        </p>
      </div>
      <section aria-labelledby="failed-deliveries">
        <h2 id="failed-deliveries" className="mb-2 text-lg font-semibold">
          Failed deliveries
        </h2>
        <DeliveriesTable deliveries={failed.map(toRow)} empty="No delivery has failed." />
      </section>
      <section aria-labelledby="channels">
        <h2 id="channels" className="mb-2 text-lg font-semibold">
          Channels
        </h2>
        <ChannelsAdmin channels={channels.map((c) => ({ id: c.id, name: c.name, kind: c.kind, config: c.config, secrets: c.secrets }))} />
      </section>
      <section aria-labelledby="subscriptions">
        <h2 id="subscriptions" className="mb-2 text-lg font-semibold">
          Subscriptions
        </h2>
        <SubscriptionsAdmin
          subscriptions={subscriptions.map((s) => ({ id: s.id, name: s.name, channel: s.channel, scope: s.scope, target: s.target, triggers: s.triggers, driftGraceSeconds: s.driftGraceSeconds, template: s.template, enabled: s.enabled }))}
          channels={channels.map((c) => c.name)}
          triggers={TRIGGERS}
        />
      </section>
      <section aria-labelledby="recent-deliveries">
        <h2 id="recent-deliveries" className="mb-2 text-lg font-semibold">
          Recent deliveries
        </h2>
        <DeliveriesTable deliveries={recent.map(toRow)} empty="Nothing has been sent yet." />
      </section>
    </div>
  );
}
