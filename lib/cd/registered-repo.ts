/**
 * Which repository `POST /api/images` may write to: only one an application
 * deploys from. The caller's URL is matched to the apps' URLs by repository key
 * (lib/source `repoMatchKey`: host and path, any spelling), and the server then
 * clones the URL the app was registered with — never the caller's — so neither
 * `file://`, a local path, an internal host nor a downgraded `http://` spelling
 * can make the server clone something an admin did not register.
 */
import { repoMatchKey } from "@/lib/source";

/** The one sentence a request for a repository no app uses is refused with. */
export const UNREGISTERED_REPOSITORY = "No application deploys from this repository; the image API only writes to repositories that registered applications use.";

/**
 * The registered URL of the repository `requested` names, chosen among `appRepoUrls` (the
 * apps' repository URLs): the same text if an app uses it, otherwise the first app URL with
 * the same repository key; `undefined` when no app uses that repository or `requested` is not
 * a repository URL.
 */
export function registeredRepoUrl(requested: string, appRepoUrls: readonly string[]): string | undefined {
  const wanted = requested.trim();
  if (appRepoUrls.includes(wanted)) return wanted;
  const key = repoMatchKey(wanted);
  if (key === undefined) return undefined;
  return appRepoUrls.find((url) => repoMatchKey(url) === key);
}
