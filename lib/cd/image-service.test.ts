import { describe, expect, it } from "vitest";

import type { AppRecord } from "@/lib/db/apps";

import { createImageSetter } from "./image-service";
import { UNREGISTERED_REPOSITORY } from "./registered-repo";
import { isSetImageError } from "./set-image-error";

const apps = [{ name: "web", repoUrl: "https://git.example.com/acme/config.git", path: "apps/web" }] as unknown as AppRecord[];
const db = { apps: { listAllApps: async () => apps } } as unknown as Parameters<typeof createImageSetter>[0]["db"];

describe("createImageSetter", () => {
  it.each(["file:///etc", "/etc", "http://169.254.169.254/latest", "https://git.example.com/acme/other.git"])(
    "refuses %j, a repository no app uses, before running Git",
    async (repoUrl) => {
      const lines: string[] = [];
      const setter = createImageSetter({ db, credentials: async () => undefined, log: (line) => lines.push(line) });
      const error: unknown = await setter.setImageForRequest({ repoUrl, path: "apps/web", image: "web:1.0.0" }).catch((thrown: unknown) => thrown);
      expect(isSetImageError(error) && error.kind).toBe("refused");
      expect((error as Error).message).toBe(UNREGISTERED_REPOSITORY);
      expect(lines).toEqual([]);
    },
  );
});
