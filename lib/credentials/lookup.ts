/**
 * Connects stored repository credentials to `lib/source`: once installed,
 * every `ls-remote`, fetch and clone of a URL without credentials in it uses
 * the stored entry with the longest matching URL prefix.
 */
import { setCredentialLookup } from "@/lib/source";

import { credentialsFor } from "./store";

/** Makes `lib/source` use stored repository credentials in this process. Idempotent. */
export function installCredentialLookup(): void {
  setCredentialLookup(credentialsFor);
}
