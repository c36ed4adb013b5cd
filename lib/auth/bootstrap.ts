/**
 * The first start: with no user at all, creates `admin`. Its password comes from
 * `LOCKSTEP_ADMIN_PASSWORD` when set (the operator chose it; never printed), otherwise it is
 * generated, printed once to the server's output — as Argo CD's initial admin secret — and
 * must be changed at first sign-in.
 */
import { isErrorOfKind } from "@/lib/errors";
import type { ResolvedAuthDependencies } from "./dependencies";
import { generatePassword, hashPassword } from "./password";

/** The name of the first administrator. */
export const INITIAL_ADMIN = "admin";

/** Options of `ensureInitialAdmin`. */
export interface InitialAdminOptions {
  /** A password chosen by the operator. @default env.LOCKSTEP_ADMIN_PASSWORD */
  password?: string;
  /** Where the generated password is printed. @default console.log */
  print?: (text: string) => void;
}

/** The first-start bootstrap on one database. */
export function createBootstrap({ db, env }: Pick<ResolvedAuthDependencies, "db" | "env">) {
  /** Creates the initial admin when there is no user yet; returns whether it did. */
  async function ensureInitialAdmin(options: InitialAdminOptions = {}): Promise<boolean> {
    if ((await db.users.countUsers()) > 0) return false;
    const provided = options.password ?? env.LOCKSTEP_ADMIN_PASSWORD;
    const password = provided || generatePassword();
    try {
      await db.users.createUser({ name: INITIAL_ADMIN, role: "admin", passwordHash: await hashPassword(password), mustChangePassword: !provided });
    } catch (error) {
      if (isErrorOfKind(error, "conflict")) return false;
      throw error;
    }
    if (!provided) {
      (options.print ?? console.log)(
        [
          "",
          "Lockstep created the initial administrator. Sign in once with these credentials; you will be asked to choose a new password.",
          `  user:     ${INITIAL_ADMIN}`,
          `  password: ${password}`,
          "This password is printed only now.",
          "",
        ].join("\n"),
      );
    }
    return true;
  }

  return { ensureInitialAdmin };
}
