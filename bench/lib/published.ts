/**
 * Argo CD's published figures, used as fixed reference numbers. They are never measured
 * here (there is no Argo CD in this benchmark); every figure says where it comes from.
 */
import type { PeerSpec } from "./figures";

/** Argo CD's default Git polling: `timeout.reconciliation` 120 s plus up to 60 s of jitter. */
export const ARGO_POLLING: PeerSpec = {
  name: "Argo CD default Git polling (published)",
  kind: "published",
  range: [120_000, 180_000],
  source: "Argo CD operator manual: timeout.reconciliation (default 120s) and timeout.reconciliation.jitter (default 60s)",
  note: "Argo CD watches live objects too and refreshes an app when one changes; 120–180 s is its full reconciliation period, not a measured reaction time.",
};

/** Argo CD's webhook handling at 500–1,500 apps, as cited by issue 8. */
export const ARGO_WEBHOOK: PeerSpec = {
  name: "Argo CD webhook → refresh at 500–1,500 apps (published)",
  kind: "published",
  range: [10_000, 15_000],
  source: "figure cited in Lockstep issue 8 (Argo CD webhook handling, 10–15 s at 500–1,500 apps)",
};

/** Argo CD's Applications page: about 35 s for the first load at about 8,000 apps (argo-cd #9575). */
export const ARGO_UI_FIRST_LOAD: PeerSpec = {
  name: "Argo CD UI first load at ~8,000 apps (published)",
  kind: "published",
  value: 35_000,
  source: "https://github.com/argoproj/argo-cd/issues/9575",
  note: "Reported by a user at ~8,000 apps; Lockstep is measured at the app count of this run, so the ratio is indicative only.",
};
