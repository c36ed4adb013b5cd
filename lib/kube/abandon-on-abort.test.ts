import { describe, expect, it } from "vitest";
import { abandonOnAbort } from "./abandon-on-abort";

describe("abandonOnAbort", () => {
  it("answers what the request answers while the signal stays quiet", async () => {
    await expect(abandonOnAbort(Promise.resolve("applied"), new AbortController().signal)).resolves.toBe("applied");
    await expect(abandonOnAbort(Promise.reject(new Error("422 Invalid")), new AbortController().signal)).rejects.toThrow("422 Invalid");
  });

  it("rejects with the abort's reason at once, leaving the request to finish unobserved", async () => {
    const controller = new AbortController();
    let finish: (value: string) => void = () => undefined;
    const request = new Promise<string>((resolve) => (finish = resolve));
    const waiting = abandonOnAbort(request, controller.signal);
    controller.abort(new Error("terminated by alice"));
    await expect(waiting).rejects.toThrow("terminated by alice");
    finish("applied later");
    await expect(request).resolves.toBe("applied later");
  });
});
