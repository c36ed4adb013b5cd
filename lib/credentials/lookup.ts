/**
 * Connects stored repository credentials to `lib/source`: once installed,
 * every `ls-remote`, fetch and clone of a URL without credentials in it uses
 * the stored entry with the longest matching URL prefix.
 */
import { setCredentialLookup } from "@/lib/source";

import type { CredentialStore } from "./store";
import { credentialsFor } from "./store";

/**
 * Makes `lib/source` use `store`'s credentials in this process (the default store when none
 * is given). Idempotent.
 */
export function installCredentialLookup(store?: Pick<CredentialStore, "credentialsFor">): void {
  setCredentialLookup(store ? store.credentialsFor : credentialsFor);
}
