import { describe, expect, it } from "vitest";
import type { OperationRecord } from "@/lib/engine/facade";
import type { EngineFacade } from "@/lib/engine/facade";
import { operationAnswer, operationUrl } from "./operation-answer";

const queued = { id: "op1", phase: "Running" } as OperationRecord;
const ended = { id: "op1", phase: "Succeeded" } as OperationRecord;

function engineWaiting(): { engine: EngineFacade; waited: string[] } {
  const waited: string[] = [];
  const engine = {
    operations: {
      waitFor: async (name: string, id: string) => {
        waited.push(`${name}/${id}`);
        return ended;
      },
    },
  } as unknown as EngineFacade;
  return { engine, waited };
}

describe("the answer to a request that queued an operation", () => {
  it("is 202 with the operation and its URL in Location, without waiting", async () => {
    const { engine, waited } = engineWaiting();
    const response = await operationAnswer(engine, "web", queued, { wait: false, signal: new AbortController().signal });
    expect(response.status).toBe(202);
    expect(response.headers.get("location")).toBe("/api/apps/web/operations/op1");
    expect(await response.json()).toEqual(queued);
    expect(waited).toEqual([]);
  });

  it("is 200 with the ended operation when the caller waits", async () => {
    const { engine, waited } = engineWaiting();
    const response = await operationAnswer(engine, "web", queued, { wait: true, signal: new AbortController().signal });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(ended);
    expect(waited).toEqual(["web/op1"]);
  });

  it("escapes the app name and id in the operation's URL", () => {
    expect(operationUrl("a b", "x/y")).toBe("/api/apps/a%20b/operations/x%2Fy");
  });
});
