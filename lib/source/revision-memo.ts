/**
 * One `ls-remote` per repository and revision per refresh cycle: apps that
 * share a repository share the answer (or the failure) instead of asking the
 * Git host once each, as Argo CD's repo-server caches revision lookups.
 */
import { repoIdentity } from "./repo-url";

/** Resolutions shared for the lifetime of one cycle; create a new one per cycle. */
export interface RevisionMemo {
  /** The answer for (`repoUrl`, `revision`), running `lookup` only the first time it is asked. */
  resolve(repoUrl: string, revision: string, lookup: () => Promise<string>): Promise<string>;
  /** How many lookups actually ran. */
  readonly lookups: number;
}

/** Creates an empty {@link RevisionMemo}; failures are shared too, so an unreachable host is asked once. */
export function createRevisionMemo(): RevisionMemo {
  const answers = new Map<string, Promise<string>>();
  let lookups = 0;
  return {
    resolve(repoUrl, revision, lookup) {
      const key = `${repoIdentity(repoUrl)}\n${revision}`;
      let answer = answers.get(key);
      if (!answer) {
        lookups += 1;
        answer = lookup();
        answers.set(key, answer);
      }
      return answer;
    },
    get lookups() {
      return lookups;
    },
  };
}
