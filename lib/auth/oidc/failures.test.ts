import { describe, expect, it } from "vitest";
import { SIGN_IN_FAILURES, SignInFailure, signInFailureCodeOf, signInFailureMessage, UNKNOWN_FAILURE } from "./failures";

describe("single sign-on failure codes", () => {
  it("show a fixed sentence for each code and never the text of the query", () => {
    expect(signInFailureMessage("sso-no-role")).toBe(SIGN_IN_FAILURES["sso-no-role"]);
    expect(signInFailureMessage("<script>alert(1)</script>")).toBe(UNKNOWN_FAILURE);
    expect(signInFailureMessage("constructor")).toBe(UNKNOWN_FAILURE);
    expect(signInFailureMessage(undefined)).toBeUndefined();
  });

  it("redirect with a failure's own code, and with sso-failed for any other error", () => {
    expect(signInFailureCodeOf(new SignInFailure("sso-state"))).toBe("sso-state");
    expect(signInFailureCodeOf(new Error("Your password is hunter2"))).toBe("sso-failed");
    expect(signInFailureCodeOf(undefined)).toBe("sso-failed");
  });

  it("keep the detailed message for the audit log and the kind for the status", () => {
    const failure = new SignInFailure("sso-local-account", 'A local account is named "admin".', { kind: "forbidden" });
    expect(failure.message).toBe('A local account is named "admin".');
    expect(failure.kind).toBe("forbidden");
    expect(new SignInFailure("sso-state").message).toBe(SIGN_IN_FAILURES["sso-state"]);
  });
});
