/**
 * Rollback of a 30-object app to an earlier sync: from the API call (the click) until the
 * rollback operation has applied the earlier manifests, against re-applying the earlier
 * manifests with `kubectl apply --server-side` (the manual rollback of a kubectl user).
 */
import path from "node:path";
import { createBenchRepo, type BenchContext, type Measurement } from "../lib/context";
import { measured, type FigureSpec } from "../lib/figures";
import type { OperationBody } from "@/test/helpers/lockstep-api";
import { sleep, timed } from "../lib/stats";
import { workloadFiles, writeWorkloadDir } from "../lib/workload";

const OBJECTS = 30;

const SPEC: FigureSpec = {
  id: "rollback.n30",
  group: "rollback",
  title: `Rollback of a ${OBJECTS}-object app: call → applied`,
  unit: "ms",
  method:
    "POST /api/apps/<app>/rollback {operationId} of the first sync, then (if the answer is still Running) GET of the operation every 50 ms until it completed",
  peer: { name: "kubectl apply --server-side -f <earlier dir>", kind: "measured", note: "re-applying the earlier manifests in its own namespace" },
};

/** The operation a rollback answer describes (either the operation itself or wrapped in `operation`). */
function operationOf(body: unknown): OperationBody {
  const candidate = (body as { operation?: OperationBody }).operation ?? (body as OperationBody);
  if (!candidate?.id || !candidate.phase) throw new Error(`The rollback answer has no operation: ${JSON.stringify(body).slice(0, 200)}`);
  return candidate;
}

async function rollbackUntilApplied(context: BenchContext, name: string, operationId: string): Promise<OperationBody> {
  const answer = await context.lockstep.raw("POST", `/api/apps/${name}/rollback?wait=true`, { operationId });
  if (answer.status >= 300) throw new Error(`The rollback was answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  let operation = operationOf(answer.body);
  while (operation.phase === "Running" || operation.phase === "Terminating") {
    await sleep(50);
    operation = await context.lockstep.getOperation(name, operation.id);
  }
  if (operation.phase !== "Succeeded") throw new Error(`The rollback of ${name} ended ${operation.phase}: ${operation.message ?? ""}`);
  return operation;
}

/** The rollback measurement. */
export const rollbackMeasurement: Measurement = {
  id: "rollback",
  title: "Rollback (call → applied)",
  requires: ["rollback"],
  figures: () => [SPEC],
  async run(context, record) {
    const { lockstep, kubectl, namespaces } = context;
    const ours = namespaces.nameFor("rollback-l");
    const theirs = namespaces.nameFor("rollback-k");
    await namespaces.create([ours, theirs]);
    const repo = await createBenchRepo(context, `rollback-${context.runId}`, workloadFiles("manifests", { prefix: "r", count: OBJECTS }));
    const name = `rb-${context.runId}`;
    await lockstep.createApp({ name, repoUrl: repo.url, path: "manifests", destNamespace: ours });
    const first = await lockstep.sync(name);
    const earlier = await writeWorkloadDir(path.join(context.workDir, "rollback-v1"), { prefix: "r", count: OBJECTS });
    await kubectl.check(["apply", "--server-side", "-n", theirs, "-f", earlier]);

    const samples: number[] = [];
    const peerSamples: number[] = [];
    const notes: string[] = [];
    for (let r = 0; r < context.options.repeat; r++) {
      context.log(`rollback: round ${r + 1}/${context.options.repeat}`);
      const variant = r + 2;
      await repo.commit(workloadFiles("manifests", { prefix: "r", count: OBJECTS, variant }), `Release ${variant}`);
      await lockstep.sync(name);
      const later = await writeWorkloadDir(path.join(context.workDir, `rollback-v${variant}`), { prefix: "r", count: OBJECTS, variant });
      await kubectl.check(["apply", "--server-side", "-n", theirs, "-f", later]);

      const { result, ms } = await timed(() => rollbackUntilApplied(context, name, first.id));
      samples.push(ms);
      peerSamples.push((await kubectl.check(["apply", "--server-side", "-n", theirs, "-f", earlier])).ms);
      const image = await kubectl.check(["get", "deployment", "r-0000", "-n", ours, "-o", "jsonpath={.spec.template.spec.containers[0].image}"]);
      notes.push(`round ${r + 1}: operation ${result.phase}, ${result.results.length} resource results, live image after rollback ${image.stdout}`);
    }
    record(measured(SPEC, samples, { peerSamples, notes }));
    await lockstep.raw("DELETE", `/api/apps/${name}`);
    await namespaces.delete([ours, theirs]);
  },
};
