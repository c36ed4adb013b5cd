/** Commit SHAs: full 40-hex (SHA-1) or 64-hex (SHA-256) object names. */
import { SourceError } from "./source-error";

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** True when `value` is a full commit SHA in lower case, which needs no `ls-remote` to resolve. */
export function isCommitSha(value: string): boolean {
  return FULL_SHA.test(value);
}

/** Throws unless `sha` is a full lower-case commit SHA, so it can never be read as a git option. */
export function assertCommitSha(sha: string): void {
  if (!isCommitSha(sha)) throw new SourceError(`"${sha}" is not a full commit SHA`);
}
