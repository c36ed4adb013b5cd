import { describe, expect, it } from "vitest";
import { publicUrlFromEnv } from "./public-url";

describe("publicUrlFromEnv", () => {
  it.each([
    ["LOCKSTEP_PUBLIC_URL wins, without its trailing slash", { LOCKSTEP_PUBLIC_URL: "https://lockstep.example/", PORT: "8080" }, "https://lockstep.example"],
    ["the server's port on localhost otherwise", { PORT: "8080" }, "http://localhost:8080"],
    ["port 3000 when none is set", {}, "http://localhost:3000"],
    ["a bound host name", { HOSTNAME: "lockstep.internal", PORT: "80" }, "http://lockstep.internal:80"],
    ["localhost for a wildcard bind", { HOSTNAME: "0.0.0.0" }, "http://localhost:3000"],
  ])("%s", (_name, env, expected) => {
    expect(publicUrlFromEnv(env)).toBe(expected);
  });
});
