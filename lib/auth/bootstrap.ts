/**
 * The first start: with no user at all, creates `admin`. Its password comes from
 * `LOCKSTEP_ADMIN_PASSWORD` when set (the operator chose it; never printed), otherwise it is
 * generated, printed once to the server's output — as Argo CD's initial admin secret — and
 * must be changed at first sign-in. A chosen password shorter than MIN_PASSWORD_LENGTH is
 * refused, so the operator cannot set up a weaker admin than a user could choose.
 */
import { isErrorOfKind, MisconfiguredError } from "@/lib/errors";
import type { ResolvedAuthDependencies } from "./dependencies";
import { generatePassword, MIN_PASSWORD_LENGTH, type PasswordHasher } from "./password";

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
export function createBootstrap({ db, env, hasher }: Pick<ResolvedAuthDependencies, "db" | "env"> & { hasher: PasswordHasher }) {
  /**
   * Creates the initial admin when there is no user yet; returns whether it did.
   * @throws MisconfiguredError when the chosen password is shorter than MIN_PASSWORD_LENGTH.
   */
  async function ensureInitialAdmin(options: InitialAdminOptions = {}): Promise<boolean> {
    if ((await db.users.countUsers()) > 0) return false;
    const provided = options.password ?? env.LOCKSTEP_ADMIN_PASSWORD;
    if (provided && provided.length < MIN_PASSWORD_LENGTH) {
      throw new MisconfiguredError(`LOCKSTEP_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters; choose a longer one or leave it empty to have one generated.`);
    }
    const password = provided || generatePassword();
    try {
      await db.users.createUser({ name: INITIAL_ADMIN, role: "admin", passwordHash: await hasher.hash(password), mustChangePassword: !provided });
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
