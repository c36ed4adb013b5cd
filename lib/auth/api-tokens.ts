/** Issuing API tokens: the value is returned once and only its digest is stored. */
import type { z } from "zod";
import type { ApiTokenRecord } from "@/lib/db/api-tokens";
import type { ResolvedAuthDependencies } from "./dependencies";
import type { Principal } from "./principal";
import type { newTokenSchema } from "./schemas";
import { digest, newApiTokenValue } from "./secrets";

/** A new token and its value, which is never shown again. */
export interface IssuedToken {
  token: ApiTokenRecord;
  value: string;
}

/** Token issuing on one database. */
export function createTokenIssuer({ db, clock }: Pick<ResolvedAuthDependencies, "db" | "clock">) {
  /** Creates a token for automation, with a role, an optional app or project scope and an expiry. */
  async function issueApiToken(input: z.infer<typeof newTokenSchema>, createdBy: Principal): Promise<IssuedToken> {
    const value = newApiTokenValue();
    const token = await db.apiTokens.createApiToken({
      name: input.name,
      tokenHash: digest(value),
      prefix: value.slice(0, 8),
      role: input.role,
      apps: input.apps,
      projects: input.projects,
      expiresAt: new Date(clock() + input.expiresInDays * 86_400_000),
      createdBy: createdBy.name,
    });
    return { token, value };
  }

  return { issueApiToken };
}
