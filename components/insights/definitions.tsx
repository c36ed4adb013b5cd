/** The page's help text: each figure defined exactly, as docs/insights.md defines it. */
export function InsightsDefinitions({ windowText }: { windowText: string }) {
  return (
    <section aria-labelledby="insights-definitions" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
      <h2 id="insights-definitions" className="mb-2 text-base font-semibold text-slate-900">
        How each figure is defined
      </h2>
      <dl className="space-y-2">
        <div>
          <dt className="font-semibold">Deployment</dt>
          <dd>
            A successful sync (manual, auto-sync or self-heal) of all the app&apos;s resources that changed the revision deployed: the last deployment&apos;s or rollback&apos;s. Dry runs,
            selective syncs and syncs of the revision already deployed (no-ops, most self-heals) are not deployments. Rollbacks are counted apart; the sync back to Git after a
            rollback is a deployment. Counted by the time they finished, in UTC days or weeks (from Monday).
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Deployment frequency</dt>
          <dd>Deployments that finished in the range, divided by its length in days.</dd>
        </div>
        <div>
          <dt className="font-semibold">Lead time for changes</dt>
          <dd>
            For each deployment, from the committer date of the commit it deployed to the moment the sync finished; median and 90th percentile (nearest rank). Deployments
            recorded before Lockstep kept commit times are left out, and the card says how many were measured.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Change failure rate</dt>
          <dd>
            The share of deployments followed within {windowText} (and before the app&apos;s next deployment) by a rollback starting, a sync failing, or the app being compared
            Degraded at the end of an operation (the deployment&apos;s own included). History sees health only when an operation ends: an app that turns Degraded between
            operations is not seen.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Time to restore</dt>
          <dd>
            From the first failure history sees — a sync failing, a rollback starting, or the app compared Degraded after an operation — to the end of the next successful sync
            or rollback after which the app was compared Healthy; the median of the incidents that started in the range. Incidents without such an end yet are counted as not
            restored and left out of the median.
          </dd>
        </div>
      </dl>
      <p className="mt-2 text-xs text-slate-500">History keeps the last 50 operations per app (LOCKSTEP_HISTORY_LIMIT): older ones no longer count.</p>
    </section>
  );
}
